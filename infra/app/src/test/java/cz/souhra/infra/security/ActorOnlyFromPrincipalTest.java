package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import cz.souhra.shared.Actor;

/**
 * A structural guard over every handler method of the running application: the Actor parameter carries no
 * binding annotation (so only the principal-based resolver can fill it), and no request body can carry an
 * Actor. A new controller that reads the actor from the request fails here before it fails in production.
 */
class ActorOnlyFromPrincipalTest extends SecuredApplicationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void every_actor_parameter_is_resolved_from_the_principal_and_no_request_body_carries_an_actor() {
        List<String> offences = new ArrayList<>();
        int actorParameters = 0;
        for (HandlerMethod handler : mappings.getHandlerMethods().values()) {
            for (MethodParameter p : handler.getMethodParameters()) {
                if (p.getParameterType().equals(Actor.class)) {
                    actorParameters++;
                    if (p.getParameterAnnotations().length > 0) {
                        offences.add(handler + ": Actor parameter is bound from the request");
                    }
                }
                if (p.hasParameterAnnotation(RequestBody.class) && carriesActor(p.getParameterType())) {
                    offences.add(handler + ": request body " + p.getParameterType().getSimpleName() + " carries an Actor");
                }
            }
        }
        assertThat(offences).isEmpty();
        assertThat(actorParameters).as("controllers that take the Actor").isGreaterThan(20);
    }

    private static boolean carriesActor(Class<?> type) {
        if (type.equals(Actor.class)) {
            return true;
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType().equals(Actor.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
