package cz.souhra.infra.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every command of the API has a form in the UI: some class of {@code cz.souhra.infra.ui} constructs it
 * (found in the compiled classes, so a form that only mentions a command does not count). A command that
 * people never send by hand is listed with its reason.
 */
class CommandUiCoverageTest {

    private static final String COMMANDS = "cz.souhra.shared.commands";
    private static final String UI = "cz.souhra.infra.ui";

    /** Commands no page form constructs, each with why. */
    static final Map<String, String> API_ONLY = Map.of(
            "MarkMeasureOverdueCommand", "sent by the overdue schedule at Prague midnight after the due date, never by a person",
            "RecordLedgerCheckpointCommand", "sent by the ledger when it has chained a meeting's closing",
            "EndMinutesVerificationPeriodCommand", "sent by the minutes schedule when a verification period is over, never by a person",
            "AddAttachmentCommand", "the pages' attachments panel streams the file to the upload endpoint, which sends it once the bytes are stored",
            "RemoveAttachmentCommand", "removing an attachment is offered over the API only; the panel uploads, lists, previews and downloads");

    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(COMMANDS, UI);

    private static Map<String, JavaClass> commands() {
        Map<String, JavaClass> out = new TreeMap<>();
        for (JavaClass c : CLASSES) {
            if (c.getPackageName().startsWith(COMMANDS) && c.isRecord() && c.getSimpleName().endsWith("Command")) {
                out.put(c.getSimpleName(), c);
            }
        }
        return out;
    }

    private static boolean constructedByUi(JavaClass command) {
        return command.getConstructorCallsToSelf().stream().anyMatch(call -> call.getOriginOwner().getPackageName().startsWith(UI));
    }

    @Test
    void every_command_has_a_ui_form_or_is_listed_as_api_only_with_its_reason() {
        Set<String> missing = new TreeSet<>();
        commands().forEach((name, c) -> {
            if (!constructedByUi(c) && !API_ONLY.containsKey(name)) {
                missing.add(name);
            }
        });
        assertThat(commands()).as("the command classes found").containsKey("ExtendDeadlineCommand").hasSizeGreaterThanOrEqualTo(40);
        assertThat(missing).as("commands without a UI form and without a reason to have none").isEmpty();
    }

    @Test
    void the_lists_name_existing_commands_and_none_that_the_ui_already_sends() {
        Map<String, JavaClass> commands = commands();
        Set<String> listed = new TreeSet<>(API_ONLY.keySet());
        assertThat(commands.keySet()).as("listed commands exist").containsAll(listed);
        assertThat(listed.stream().filter(n -> constructedByUi(commands.get(n))).toList())
                .as("listed but sent by a UI form already: take them off the list").isEmpty();
        assertThat(API_ONLY.values()).allMatch(reason -> reason.length() > 20);
    }
}
