package cz.souhra.shared.model;

/** What an attachment is kept with. An agenda item's attachment also names the item's meeting. */
public enum AttachedTo {
    MEETING, AGENDA_ITEM, ISSUE, MEASURE
}
