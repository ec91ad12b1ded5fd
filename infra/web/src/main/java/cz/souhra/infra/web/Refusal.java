package cz.souhra.infra.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/**
 * A refusal at the edge (authentication, rights, a rejected address) raised where it is decided and
 * answered by {@link ProblemErrorHandler}: a problem for programs, a page for browsers, from one place.
 * Headers the refusal needs ({@code WWW-Authenticate}, {@code Retry-After}) are set on the response before it is raised.
 */
public class Refusal extends ResponseStatusException {

    private final String code;
    private final transient Object[] args;

    public Refusal(HttpStatusCode status, String code, Object... args) {
        super(status, code);
        this.code = code;
        this.args = args;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }
}
