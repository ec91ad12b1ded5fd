package cz.souhra.bench;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code floor [--seconds=N] [--warmup=S] [--rounds=R]}: how close to the raw driver any HTTP service on this
 * stack can come. Besides the raw {@code insertOne} and Souhra's command, the same 8 clients post the same
 * progress report to two endpoints that do nothing but parse it and insert one event-sized document, on
 * Spring WebFlux and Reactor Netty as Souhra uses them, once bare and once behind Spring Security's HTTP
 * Basic (an in-memory account, a password compared in plain text: lighter than any real check). No event
 * sourcing, no projections, no ledger: what those endpoints reach bounds what a service that records a
 * command as one stored document can reach here. Each variant runs once per round, in a rotating order,
 * in the same JVM on the same store; the figure is each variant's median over the rounds.
 */
final class HttpFloorBench {
    private HttpFloorBench() {}

    /** The body Souhra's progress command takes; parsed the same way, by WebFlux's Jackson decoder. */
    record ProgressBody(int percent, String note, LocalDate effectiveOn) {}

    static void run(String[] args) throws Exception {
        int seconds = Bench.option(args, "seconds", 10);
        int warmup = Bench.option(args, "warmup", 90);
        int rounds = Bench.option(args, "rounds", 3);
        Souhra app = Souhra.start(Files.createTempDirectory("souhra-floor"));
        Fixture fx = Fixture.create(app);
        List<String> pool = fx.adopt(ClosedLoop.CLIENTS * 16);
        fx.progress(pool.get(0), 1).expect(202);
        // A stored progress report (the measure's newest event) is the document every variant writes, so all write the same size.
        Document sample = app.events().find(Filters.eq("aggregateIdentifier", pool.get(0))).sort(Sorts.descending("sequenceNumber")).first();
        MongoCollection<Document> target = app.db.getCollection("floor").withWriteConcern(WriteConcern.JOURNALED);
        DisposableServer bare = serve(target, sample, false);
        DisposableServer secured = serve(target, sample, true);
        PerfHttp bareHttp = new PerfHttp(bare.port());
        PerfHttp securedHttp = new PerfHttp(secured.port());

        Map<String, ClosedLoop.Request> variants = new LinkedHashMap<>();
        int per = pool.size() / ClosedLoop.CLIENTS;
        variants.put("raw driver insertOne (baseline)", (client, i) -> {
            target.insertOne(Preloader.copyOf(sample));
            return 202;
        });
        // Each client on its own 16 measures, as in perf's throughput row.
        variants.put("WebFlux endpoint: parse, insertOne", (client, i) -> bareHttp.post(fx.owner(), "/floor/" + pool.get(client * per + i % per) + "/progress",
                fx.progressJson(i)).status());
        variants.put("the same behind Spring Security HTTP Basic", (client, i) -> securedHttp.post(fx.owner(), "/floor/" + pool.get(client * per + i % per)
                + "/progress", fx.progressJson(i)).status());
        variants.put("Souhra: POST /api/measures/{id}/progress", (client, i) -> fx.progress(pool.get(client * per + i % per), i).status());
        List<String> names = new ArrayList<>(variants.keySet());

        // Every variant's code paths compiled before any window counts.
        int slice = Math.max(1, warmup / names.size());
        for (String name : names) {
            clients(slice, variants.get(name));
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        names.forEach(n -> rates.put(n, new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + r) % names.size());
                double rate = clients(seconds, variants.get(name));
                rates.get(name).add(rate);
                System.out.printf("round %d: %s %,.0f/s%n", r + 1, name, rate);
                Thread.sleep(1_000);
            }
        }
        double raw = Latencies.quantile(rates.get(names.get(0)), 0.5);
        System.out.println();
        System.out.printf("| what 8 clients do (median of %d rounds of %d s, rotating order, one JVM, one store) | per second | ratio to the raw insertOne |%n",
                rounds, seconds);
        System.out.println("|---|---|---|");
        for (String name : names) {
            double median = Latencies.quantile(rates.get(name), 0.5);
            System.out.printf("| %s | %,.0f (rounds: %s) | %.2f× |%n", name, median,
                    rates.get(name).stream().map(v -> String.format("%,.0f", v)).collect(Collectors.joining(", ")), median / raw);
        }
        bare.disposeNow();
        secured.disposeNow();
        app.close();
    }

    /** Accepted requests per second of a closed loop; a refused one fails the run, which would measure refusals. */
    static double clients(int seconds, ClosedLoop.Request request) throws Exception {
        ClosedLoop.Throughput t = ClosedLoop.run(seconds, request);
        if (t.errors() > 0) {
            throw new IllegalStateException(t.errors() + " requests were not accepted");
        }
        return t.perSecond();
    }

    /** The minimal endpoint on Reactor Netty, optionally behind Spring Security's HTTP Basic. */
    private static DisposableServer serve(MongoCollection<Document> target, Document sample, boolean secure) {
        RouterFunction<ServerResponse> route = RouterFunctions.route(RequestPredicates.POST("/floor/{id}/progress"), request ->
                request.bodyToMono(ProgressBody.class)
                        .map(body -> {
                            Document d = Preloader.copyOf(sample);
                            d.put("aggregateIdentifier", request.pathVariable("id"));
                            target.insertOne(d);
                            return Map.of("id", d.getString("eventIdentifier"));
                        })
                        // The driver blocks; like Souhra's command sender, off the event loop.
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(id -> ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON).bodyValue(id)));
        WebHttpHandlerBuilder builder = WebHttpHandlerBuilder.webHandler(RouterFunctions.toWebHandler(route));
        if (secure) {
            var users = new MapReactiveUserDetailsService(User.withUsername("uprace").password("{noop}" + Fixture.OWNER_PASSWORD).roles("MEMBER").build());
            var authentication = new UserDetailsRepositoryReactiveAuthenticationManager(users);
            authentication.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
            var chain = ServerHttpSecurity.http()
                    .authenticationManager(authentication)
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                    .csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                    .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                    .logout(ServerHttpSecurity.LogoutSpec::disable)
                    .httpBasic(Customizer.withDefaults())
                    .authorizeExchange(a -> a.anyExchange().hasRole("MEMBER"))
                    .build();
            builder.filter(new WebFilterChainProxy(chain));
        }
        HttpHandler handler = builder.build();
        return HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
    }
}
