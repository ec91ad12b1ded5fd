package cz.souhra.infra.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cz.souhra.shared.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI document at {@code /v3/api-docs}: HTTP Basic as the one security scheme for every operation,
 * the RFC 9457 problem as the body of every refusal, and per operation the tag, summary, success status,
 * refusals and example that {@link ApiContract} declares. The caller ({@link Actor}) is resolved from the
 * credentials, so it is no parameter.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BASIC = "basicAuth";
    static final String PROBLEM = "Problem";
    static final String COMMAND_RESULT = "CommandResult";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger log = LoggerFactory.getLogger(ApiDocumentation.class);

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI souhraOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("The user name and password of a Souhra account (the administrator creates accounts). "
                                + "Send them with every request; the API keeps no session."));
        OpenAPI api = new OpenAPI()
                .info(new Info().title("Souhra API").version("1")
                        .description("Coordination of regional integration platforms: institutions, bodies, meetings, the issue register, "
                                + "measures and their audit. Commands answer 201 (created, with Location) or 202 (recorded) with the record's id; "
                                + "reads follow the events within about a second. Every refusal is an RFC 9457 problem with a stable `code`, "
                                + "the `field` where there is one and `detail` in Czech or English by Accept-Language. "
                                + "Optimistic locking: send the version from a read's ETag as If-Match; a stale one is 409."))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
        ApiContract.TAGS.forEach((name, description) -> api.addTagsItem(new Tag().name(name).description(description)));
        return api;
    }

    @Bean
    OpenApiCustomizer souhraContract(ObjectMapper json) {
        return api -> apply(api, json);
    }

    static void apply(OpenAPI api, ObjectMapper json) {
        // Here, not in the OpenAPI bean: springdoc replaces the bean's schemas with the ones it derives from the controllers.
        api.getComponents().addSchemas(PROBLEM, problemSchema())
                .addSchemas(COMMAND_RESULT, new ObjectSchema().description("The id of the record the command created or changed.")
                        .addProperty("id", new StringSchema().example(ApiContract.MEETING_ID)).addRequiredItem("id"));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            ApiContract.Op op = ApiContract.BY_KEY.get(method.name() + " " + path);
            if (op == null) {
                log.warn("No API contract for {} {}: documented as springdoc derives it", method, path);
                return;
            }
            describe(operation, op, json);
        }));
    }

    private static void describe(Operation operation, ApiContract.Op op, ObjectMapper json) {
        operation.setTags(List.of(op.tag()));
        operation.setSummary(op.summary());
        ApiResponses responses = new ApiResponses();
        responses.addApiResponse(String.valueOf(op.success()), success(operation, op));
        for (int status : op.refusals()) {
            responses.addApiResponse(String.valueOf(status), refusal(status, op));
        }
        operation.setResponses(responses);
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> describe(p, op.path()));
        }
        if (op.example() != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            Object example = parse(op.example(), json);
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example));
        }
    }

    /** Examples of the path parameters (ids in the form each kind has) and what If-Match carries. */
    private static void describe(Parameter parameter, String path) {
        if ("If-Match".equals(parameter.getName())) {
            parameter.description("The record's version as read (its ETag); the command is refused with 409 if it changed since.").example("\"7\"");
            return;
        }
        if (!"path".equals(parameter.getIn())) {
            return;
        }
        Object example = switch (parameter.getName()) {
            case "itemId" -> ApiContract.ITEM_ID;
            case "resolutionId" -> ApiContract.RESOLUTION_ID;
            case "bodyId" -> ApiContract.BODY_ID;
            case "institution" -> "UPLB";
            case "user" -> "uprace";
            case "role" -> "SECRETARY";
            case "name" -> "measures";
            case "segment" -> 0;
            default -> path.startsWith("/api/institutions/") || path.startsWith("/api/oparl/v1/organization/") ? "UPLB"
                    : path.startsWith("/api/bodies/") || path.startsWith("/api/oparl/v1/body/") ? ApiContract.BODY_ID
                    : path.startsWith("/api/meetings/") || path.startsWith("/api/oparl/v1/meeting/") ? ApiContract.MEETING_ID
                    : path.startsWith("/api/issues/") ? ApiContract.ISSUE_ID
                    : path.startsWith("/api/measures/") ? ApiContract.MEASURE_ID
                    : path.startsWith("/api/attachments/") ? ApiContract.ATTACHMENT_ID : null;
        };
        if (example != null) {
            parameter.example(example);
        }
    }

    private static ApiResponse success(Operation operation, ApiContract.Op op) {
        ApiResponse generated = operation.getResponses() == null ? null : operation.getResponses().values().stream().findFirst().orElse(null);
        ApiResponse response = new ApiResponse();
        if (op.commandResult()) {
            response.description(op.success() == 201 ? "Created: the new record's id; Location names it." : "Accepted and recorded: the record's id.")
                    .content(new Content().addMediaType("application/json", new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + COMMAND_RESULT))
                            .example(Map.of("id", ApiContract.MEETING_ID))));
            if (op.success() == 201) {
                response.addHeaderObject("Location", new Header().description("Where the created record is read").schema(new StringSchema()));
            }
            return response;
        }
        response.description(HttpStatus.valueOf(op.success()).getReasonPhrase());
        if (!"application/json".equals(op.mediaType()) && !"text/event-stream".equals(op.mediaType())) {
            return response.content(new Content().addMediaType(op.mediaType(), new MediaType().schema(new BinarySchema())));
        }
        Content content = new Content();
        if (generated != null && generated.getContent() != null) {
            generated.getContent().forEach((type, media) -> content.addMediaType("*/*".equals(type) ? op.mediaType() : type, media));
        }
        return response.content(content.isEmpty() ? null : content);
    }

    private static ApiResponse refusal(int status, ApiContract.Op op) {
        String code = switch (status) {
            case 400 -> op.example() != null ? "VALIDATION" : "INVALID_ID";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "VERSION_CONFLICT";
            case 422 -> "RULE_VIOLATED";
            default -> "HTTP_" + status;
        };
        String description = switch (status) {
            case 400 -> "Bad request: unreadable or invalid body, malformed id or query value (code, field).";
            case 401 -> "No or wrong credentials (HTTP Basic). Too many failed logins answer 429 with Retry-After.";
            case 403 -> "The caller's roles or institution do not allow this.";
            case 404 -> "No record with this id.";
            case 409 -> "Conflict: If-Match names an older version, or the record's state no longer allows this.";
            case 422 -> "A domain rule refuses it (e.g. quorum not met, owner not a member).";
            default -> HttpStatus.valueOf(status).getReasonPhrase();
        };
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:souhra:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        example.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", "…");
        example.put("instance", op.path());
        example.put("code", code);
        ApiResponse response = new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)).example(example)));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema().example("Basic realm=\"Souhra\", charset=\"UTF-8\"")));
        }
        return response;
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details; `code` is stable, `detail` follows Accept-Language (Czech by default).")
                .addProperty("type", new StringSchema().format("uri").example("urn:souhra:problem:validation"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("Pole „title“ je povinné."))
                .addProperty("instance", new StringSchema().format("uri").example("/api/issues"))
                .addProperty("code", new StringSchema().description("Stable machine-readable reason").example("REQUIRED"))
                .addProperty("field", new StringSchema().description("The request field the refusal is about, where there is one").example("title"))
                .addProperty("messageCs", new StringSchema().description("detail in Czech"))
                .addProperty("messageEn", new StringSchema().description("detail in English"))
                .addProperty("errors", new MapSchema().additionalProperties(new StringSchema()).description("Per-field messages of a VALIDATION refusal"))
                .addProperty("currentVersion", new IntegerSchema().format("int64").description("With VERSION_CONFLICT: the record's version now"))
                .addProperty("reference", new StringSchema().description("With a 500: the id to give the administrator"))
                .addRequiredItem("type").addRequiredItem("title").addRequiredItem("status").addRequiredItem("code");
    }

    private static Object parse(String example, ObjectMapper json) {
        try {
            return json.readValue(example, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Example is not JSON: " + example, e);
        }
    }
}
