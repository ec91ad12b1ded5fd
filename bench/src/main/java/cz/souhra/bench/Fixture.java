package cz.souhra.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A body with two members, a secretary and a measure owner, a convened meeting with a resolution. */
record Fixture(Souhra app, String admin, String secretary, String owner, String meeting, String resolution, String issue) {
    static final String OWNER_PASSWORD = "heslo-uradu-prace-1";
    static final String SECRETARY_PASSWORD = "zapis-z-porady-pod-javorem-1";

    static Fixture create(Souhra app) {
        PerfHttp h = app.http;
        String admin = PerfHttp.basic("admin", Souhra.ADMIN_PASSWORD);
        h.post(admin, "/api/institutions", "{\"code\":\"KULK\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Krajský úřad Libereckého kraje\"}").expect(201);
        h.post(admin, "/api/institutions", "{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce ČR – krajská pobočka v Liberci\"}").expect(201);
        String body = h.post(admin, "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Pracovní skupina průmyslové zóny\",\"meetingsPerYear\":4}")
                .expect(201).id();
        h.post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"KULK\"}").expect(202);
        h.post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"UPLB\"}").expect(202);
        h.post(admin, "/api/admin/users", "{\"user\":\"tajemnice\",\"password\":\"" + SECRETARY_PASSWORD + "\",\"institution\":\"KULK\",\"roles\":[\"SECRETARY\"]}").expect(201);
        h.post(admin, "/api/admin/users", "{\"user\":\"uprace\",\"password\":\"" + OWNER_PASSWORD + "\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"]}").expect(201);
        h.post(admin, "/api/bodies/" + body + "/secretaries", "{\"user\":\"tajemnice\"}").expect(202);
        String secretary = PerfHttp.basic("tajemnice", SECRETARY_PASSWORD);
        String owner = PerfHttp.basic("uprace", OWNER_PASSWORD);
        String meeting = h.post(secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-10T09:00:00Z\",\"place\":\"KÚ Liberec\"}").expect(201).id();
        String issue = h.post(owner, "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Napětí u ubytovny\","
                + "\"locality\":\"Liberec-Doubí\",\"observedOn\":\"2026-02-20\"}").expect(201).id();
        h.post(secretary, "/api/meetings/" + meeting + "/convene", "{\"convenedAt\":\"2026-03-10T09:00:00Z\",\"attendance\":[{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Jana Nováková\"},"
                + "{\"institution\":\"UPLB\",\"status\":\"DELEGATE\",\"delegate\":\"Petr Dvořák\"}]}").expect(202);
        String resolution = h.post(secretary, "/api/meetings/" + meeting + "/resolutions", "{\"number\":\"1/2026\",\"text\":\"Skupina ukládá Úřadu práce opatření.\"}")
                .expect(201).id();
        return new Fixture(app, admin, secretary, owner, meeting, resolution, issue);
    }

    Fixture on(Souhra other) {
        return new Fixture(other, admin, secretary, owner, meeting, resolution, issue);
    }

    List<String> adopt(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(app.http.post(secretary, "/api/meetings/" + meeting + "/resolutions/" + resolution + "/measures",
                    "{\"title\":\"Opatření " + UUID.randomUUID().toString().substring(0, 8) + "\",\"owner\":\"UPLB\",\"dueDate\":\"2027-06-30\","
                            + "\"addresses\":[\"" + issue + "\"],\"decisionBasis\":\"Usnesení 1/2026\"}").expect(201).id());
        }
        return out;
    }

    String progressJson(int i) {
        return "{\"percent\":" + (i % 100) + ",\"note\":\"Průběžná zpráva " + i + "\",\"effectiveOn\":\"2026-04-15\"}";
    }

    PerfHttp.Response progress(String measure, int i) {
        return app.http.post(owner, "/api/measures/" + measure + "/progress", progressJson(i));
    }
}
