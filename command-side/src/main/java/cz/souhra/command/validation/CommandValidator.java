package cz.souhra.command.validation;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.DomainException.Kind;
import cz.souhra.shared.ids.Region;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.AttendanceStatus;

/**
 * Applies {@link CommandRules} to a command before it is sent: its text NFC-normalised, then every field
 * checked. Pure apart from the {@link References} it is given; "today" and "now" come from the caller (the
 * edge's clock), never from an aggregate.
 */
public final class CommandValidator {

    private static final Map<Class<?>, Constructor<?>> CANONICAL = new ConcurrentHashMap<>();
    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

    private final References references;

    public CommandValidator(References references) {
        this.references = references;
    }

    /**
     * The command with its text in NFC, once every rule holds; a {@link DomainException} naming the field
     * otherwise. A class with no rules (not a Souhra command) passes unchanged.
     */
    public Object validate(Object command, Instant now, LocalDate today) {
        CommandRules.Entry entry = CommandRules.of(command.getClass());
        if (entry == null) {
            return command;
        }
        Object normalised = normalise(command);
        for (CommandRules.Field field : entry.fields()) {
            check(field.name(), component(normalised, field.component()), field.rule(), now, today);
        }
        return normalised;
    }

    private void check(String name, Object value, Rule rule, Instant now, LocalDate today) {
        if (rule instanceof Rule.Text t) {
            FieldChecks.text(name, (String) value, t);
        } else if (rule instanceof Rule.Day d) {
            FieldChecks.day(name, (LocalDate) value, d, today);
        } else if (rule instanceof Rule.Moment m) {
            FieldChecks.moment(name, (Instant) value, m, now);
        } else if (rule instanceof Rule.RegionRule) {
            region(name, (RegionCode) value);
        } else if (rule instanceof Rule.Ref r) {
            if (value instanceof List<?> ids) {
                for (int i = 0; i < ids.size(); i++) {
                    reference(name + "[" + i + "]", ids.get(i), r);
                }
            } else {
                reference(name, value, r);
            }
        } else if (rule instanceof Rule.Sheet s) {
            sheet(name, (List<?>) value, s);
        }
        // Rule.Tally (negative counts are refused by Votes, the sum by the meeting) and Rule.Plain: the aggregate's checks.
    }

    private static void region(String name, RegionCode region) {
        if (region == null) {
            throw DomainException.invalid("REQUIRED", name);
        }
        if (!Region.isKnown(region)) {
            throw DomainException.field(Kind.RULE, "UNKNOWN_REGION", name, region.value());
        }
    }

    private void reference(String name, Object id, Rule.Ref rule) {
        if (id == null || (id instanceof String s && s.isBlank())) {
            return; // optional here; a required reference is refused by its aggregate or request as REQUIRED
        }
        String key = id.toString();
        Optional<Known> known = references.find(key);
        if (known.isEmpty() || known.get().kind() != rule.kind()) {
            throw DomainException.field(Kind.RULE, "UNKNOWN_" + rule.kind().name(), name, key);
        }
        if (rule.mustAct() && !known.get().active()) {
            throw DomainException.field(Kind.RULE, "INACTIVE_" + rule.kind().name(), name, key);
        }
    }

    private void sheet(String name, List<?> sheet, Rule.Sheet rule) {
        if (sheet == null) {
            return;
        }
        Rule.Text person = new Rule.Text(rule.maxName(), false, false);
        for (int i = 0; i < sheet.size(); i++) {
            String at = name + "[" + i + "]";
            if (!(sheet.get(i) instanceof Attendance a)) {
                throw DomainException.invalid("REQUIRED", at);
            }
            if (a.institution() == null) {
                throw DomainException.invalid("REQUIRED", at + ".institution");
            }
            if (a.status() == null) {
                throw DomainException.invalid("REQUIRED", at + ".status");
            }
            reference(at + ".institution", a.institution(), new Rule.Ref(Known.Kind.INSTITUTION, false, false));
            FieldChecks.text(at + ".delegate", a.delegate(), person);
            FieldChecks.text(at + ".substitute", a.substitute(), person);
            if (a.status() == AttendanceStatus.SUBSTITUTE && (a.substitute() == null || a.substitute().isBlank())) {
                throw DomainException.field(Kind.RULE, "SUBSTITUTE_UNNAMED", at + ".substitute", a.institution().value());
            }
        }
    }

    private static Object component(Object record, String name) {
        for (RecordComponent c : components(record.getClass())) {
            if (c.getName().equals(name)) {
                try {
                    Method accessor = c.getAccessor();
                    return accessor.invoke(record);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + name, e);
                }
            }
        }
        throw new IllegalStateException(record.getClass().getSimpleName() + " has no field " + name);
    }

    private static RecordComponent[] components(Class<?> type) {
        return COMPONENTS.computeIfAbsent(type, Class::getRecordComponents);
    }

    /** Text in NFC at any depth of a record (an attendance sheet's names too); the same object when nothing changes. */
    static Object normalise(Object value) {
        if (value instanceof String s) {
            return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        if (value instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object before = list.get(i);
                Object after = normalise(before);
                if (after != before && out == null) {
                    out = new ArrayList<>(list.subList(0, i));
                }
                if (out != null) {
                    out.add(after);
                }
            }
            return out == null ? value : java.util.Collections.unmodifiableList(out);
        }
        if (value != null && value.getClass().isRecord() && value.getClass().getPackageName().startsWith("cz.souhra.shared.")) {
            RecordComponent[] components = components(value.getClass());
            Object[] args = new Object[components.length];
            boolean changed = false;
            for (int i = 0; i < components.length; i++) {
                Object before = component(value, components[i].getName());
                args[i] = normalise(before);
                changed |= args[i] != before;
            }
            if (!changed) {
                return value;
            }
            try {
                return canonical(value.getClass(), components).newInstance(args);
            } catch (InstantiationException | IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return value;
    }

    private static Constructor<?> canonical(Class<?> type, RecordComponent[] components) {
        return CANONICAL.computeIfAbsent(type, t -> {
            try {
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                }
                return t.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
