package cz.souhra.command.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cz.souhra.command.common.DomainException;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.InvalidIdException;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * Command parsing under Jazzer: any bytes as a request body of any command endpoint, any {@code If-Match}
 * header and any id must either parse or be refused with the exceptions the problem handlers turn into
 * a 4xx ({@link JsonProcessingException}, {@link DomainException}, {@link InvalidIdException}); anything
 * else (a NullPointerException, an unmapped IllegalArgumentException, a stack overflow) is a 500 and a
 * finding. {@code ./mvnw verify} replays the seed inputs in {@code CommandParsingFuzzTestInputs/} (regression
 * mode); {@code -DJAZZER_FUZZ=1} fuzzes for up to 30 s with the bundled native engine (no download).
 */
class CommandParsingFuzzTest {

    /** The request reader the server uses: the application mapper made strict ({@link StrictJson}). */
    private static final ObjectMapper WEB = StrictJson.strict(Jackson2ObjectMapperBuilder.json().build());
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final List<Class<?>> REQUESTS = requestTypes();
    private static final List<Method> ID_FACTORIES = Arrays.stream(new Class<?>[] {AgendaItemId.class, BodyId.class, InstitutionId.class,
            IssueId.class, MeasureId.class, MeetingId.class, RegionCode.class, ResolutionId.class}).map(c -> {
                try {
                    return c.getMethod("of", String.class);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();

    @FuzzTest(maxDuration = "30s")
    void any_request_body_header_or_id_is_parsed_or_refused_as_a_client_error(FuzzedDataProvider data) throws Throwable {
        Class<?> type = REQUESTS.get(data.consumeInt(0, REQUESTS.size() - 1));
        String ifMatch = data.consumeString(40);
        String id = data.consumeString(80);
        String body = data.consumeRemainingAsString();
        try {
            CommandSender.expectedVersion(ifMatch);
        } catch (DomainException refused) {
            // 400 MALFORMED
        }
        for (Method of : ID_FACTORIES) {
            try {
                of.invoke(null, id);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof InvalidIdException)) {
                    throw e.getCause();
                }
            }
        }
        try {
            Object request = WEB.readValue(body, type);
            if (request != null) {
                VALIDATOR.validate(request);
            }
        } catch (JsonProcessingException refused) {
            // 400: Spring wraps it in a DecodingException; infra's ProblemErrorHandler names the field and the value
        }
    }

    /** Every request body type of the command API: the records nested in the command controllers. */
    private static List<Class<?>> requestTypes() {
        List<Class<?>> types = new java.util.ArrayList<>();
        Arrays.stream(new String[] {"body.BodyCommandController", "institution.InstitutionCommandController",
                        "issue.IssueCommandController", "measure.MeasureCommandController", "meeting.MeetingCommandController"})
                .map(n -> {
                    try {
                        return Class.forName("cz.souhra.command." + n);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .flatMap(c -> Arrays.stream(c.getDeclaredClasses()))
                .filter(Class::isRecord)
                .filter(c -> !Modifier.isPrivate(c.getModifiers()))
                .forEach(types::add);
        if (types.size() < 20) {
            throw new IllegalStateException("expected the command request records, found " + types);
        }
        return types;
    }
}
