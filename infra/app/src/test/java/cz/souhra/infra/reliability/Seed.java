package cz.souhra.infra.reliability;

import java.util.ArrayList;
import java.util.List;

import cz.souhra.infra.reliability.SouhraHttp.Credentials;
import cz.souhra.infra.reliability.SouhraHttp.Reply;

/**
 * A region set up through the public HTTP API only: two member institutions, a working group, a
 * secretary and an owner account, a convened meeting with one resolution and {@code n} measures owned by
 * the labour office.
 */
public final class Seed {

    public static final Credentials SECRETARY = new Credentials("tajemnice", "zapis-z-porady-pod-javorem-1");
    public static final Credentials OWNER = new Credentials("uprace", "heslo-uradu-prace-1");

    public record Region(String body, String meeting, String resolution, String issue, List<String> measures) {}

    private Seed() {}

    public static Region region(SouhraHttp http, Credentials admin, int measures) {
        expect(http.post(admin, "/api/institutions", "{\"code\":\"KULK\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Krajský úřad Libereckého kraje\"}"), 201);
        expect(http.post(admin, "/api/institutions", "{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce ČR – krajská pobočka v Liberci\"}"), 201);
        String body = expect(http.post(admin, "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Pracovní skupina ubytovny\",\"meetingsPerYear\":4}"), 201).id();
        expect(http.post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"KULK\"}"), 202);
        expect(http.post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"UPLB\"}"), 202);
        expect(http.post(admin, "/api/admin/users", "{\"user\":\"" + SECRETARY.user() + "\",\"password\":\"" + SECRETARY.password()
                + "\",\"institution\":\"KULK\",\"roles\":[\"SECRETARY\"]}"), 201);
        expect(http.post(admin, "/api/admin/users", "{\"user\":\"" + OWNER.user() + "\",\"password\":\"" + OWNER.password()
                + "\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"]}"), 201);
        expect(http.post(admin, "/api/bodies/" + body + "/secretaries", "{\"user\":\"" + SECRETARY.user() + "\"}"), 202);
        String meeting = expect(http.post(SECRETARY, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-10T09:00:00Z\",\"place\":\"KÚ Liberec\"}"), 201).id();
        String issue = expect(http.post(OWNER, "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Napětí u ubytovny\","
                + "\"locality\":\"Liberec-Doubí\",\"observedOn\":\"2026-02-20\"}"), 201).id();
        expect(http.post(SECRETARY, "/api/meetings/" + meeting + "/convene", "{\"convenedAt\":\"2026-03-10T09:00:00Z\",\"attendance\":[{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Jana Nováková\"},"
                + "{\"institution\":\"UPLB\",\"status\":\"SUBSTITUTE\",\"substitute\":\"Petr Dvořák\"}]}"), 202);
        String resolution = expect(http.post(SECRETARY, "/api/meetings/" + meeting + "/resolutions", "{\"number\":\"1/2026\",\"text\":\"Skupina ukládá opatření.\"}"), 201).id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < measures; i++) {
            ids.add(expect(http.post(SECRETARY, "/api/meetings/" + meeting + "/resolutions/" + resolution + "/measures",
                    "{\"title\":\"Opatření " + i + "\",\"owner\":\"UPLB\",\"dueDate\":\"2026-06-30\",\"addresses\":[\"" + issue + "\"],\"decisionBasis\":\"Usnesení 1/2026\"}"), 201).id());
        }
        return new Region(body, meeting, resolution, issue, ids);
    }

    static Reply expect(Reply r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + r.status() + ": " + r.body());
        }
        return r;
    }
}
