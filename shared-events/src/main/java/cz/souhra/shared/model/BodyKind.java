package cz.souhra.shared.model;

/** A regional platform meets 2–3× a year; a working group (or commission) monitors one theme quarterly. */
public enum BodyKind { PLATFORM, WORKING_GROUP }
