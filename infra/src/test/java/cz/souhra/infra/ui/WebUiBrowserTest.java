package cz.souhra.infra.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;

/**
 * The web UI in headless Debian chromium: a secretary records a whole meeting, the owner institution's
 * member reports progress (and sees a change made elsewhere arrive live), a refused form keeps its input,
 * an auditor finds it all in the audit log and the measure's history and verifies the ledger, and the
 * language switch turns the UI English. Screenshots of the main Czech pages go to docs/screenshots.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String ADMIN_PASSWORD = "admin-heslo-pro-ui-test-1";
    static final Path DATA_DIR;

    static {
        DATA_DIR = TestApplication.newDataDir("souhra-ui");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, DATA_DIR, ADMIN_PASSWORD);
        // plain http://localhost in the test: a Secure cookie would be dropped by some browsers
        r.add("souhra.security.secure-cookie", () -> "false");
    }

    @LocalServerPort
    int port;

    ChromeDriver driver;
    WebDriverWait wait;
    String body;
    String meeting;
    String measure1;
    String measure2;

    @BeforeAll
    void start() {
        // CI installs Debian's chromium and chromedriver; a missing one must fail loudly, never skip.
        assertThat(new File(CHROMEDRIVER).canExecute()).as("Debian's chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver)").isTrue();
        assertThat(new File(CHROMIUM)).as("Debian's chromium at " + CHROMIUM + " (apt-get install chromium)").exists();
        // chromedriver's own log stays in target/: the only record of which renderer message it waited for
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).withLogLevel(ChromiumDriverLogLevel.DEBUG).build();
        ChromeOptions options = new ChromeOptions();
        // An explicit binary and driver: Selenium Manager is never asked to download anything.
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=cs-CZ");
        // Puppeteer's defaults for automation, which chromedriver does not set: a headless window counts
        // as hidden to some of Chromium's schedulers, and CI saw navigations stall (see open); whether
        // these were the cause is not known, they only remove the throttling as a candidate.
        options.addArguments("--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows");
        // -Dsouhra.ui.netlog=FILE records Chromium's network log: whether a stalled request was sent and answered
        if (System.getProperty("souhra.ui.netlog") != null) {
            options.addArguments("--log-net-log=" + System.getProperty("souhra.ui.netlog"));
        }
        driver = new ChromeDriver(service, options);
        // Below Selenium's 180 s client timeout, so that a stuck navigation comes back to open() (see there).
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(45));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        seed();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    // ---- the region the test works in, set up through the API as the administrator ----

    WebTestClient api(String user, String password) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    @SuppressWarnings("unchecked")
    String post(WebTestClient client, String path, Object json, int status) {
        Map<String, Object> r = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
        return r == null ? null : String.valueOf(r.get("id"));
    }

    void seed() {
        WebTestClient admin = api("admin", ADMIN_PASSWORD);
        post(admin, "/api/institutions", Map.of("code", "KULK", "region", "LBK", "kind", "REGION_OFFICE", "name", "Krajský úřad Libereckého kraje"), 201);
        post(admin, "/api/institutions", Map.of("code", "UPLB", "region", "LBK", "kind", "LABOUR_OFFICE", "name", "Úřad práce ČR – Liberec"), 201);
        post(admin, "/api/institutions", Map.of("code", "MMLB", "region", "LBK", "kind", "MUNICIPALITY", "name", "Statutární město Liberec"), 201);
        body = post(admin, "/api/bodies", Map.of("region", "LBK", "kind", "WORKING_GROUP", "name", "Pracovní skupina průmyslové zóny a ubytovny",
                "cadence", "quarterly"), 201);
        for (String member : List.of("KULK", "UPLB", "MMLB")) {
            post(admin, "/api/bodies/" + body + "/members", Map.of("institution", member), 202);
        }
        post(admin, "/api/admin/users", Map.of("user", "tajemnice", "password", "zapis-z-porady-pod-javorem-1", "institution", "KULK", "roles", List.of("SECRETARY")), 201);
        post(admin, "/api/admin/users", Map.of("user", "uprace", "password", "heslo-uradu-prace-1", "institution", "UPLB", "roles", List.of("MEMBER")), 201);
        post(admin, "/api/admin/users", Map.of("user", "auditor", "password", "kontrola-zapisu-u-smrku-1", "roles", List.of("AUDITOR")), 201);
        post(admin, "/api/bodies/" + body + "/secretaries", Map.of("user", "tajemnice"), 202);
        // the previous meeting, with an item left unfinished: the workspace proposes carrying it over
        WebTestClient secretary = api("tajemnice", "zapis-z-porady-pod-javorem-1");
        String previous = post(secretary, "/api/meetings", Map.of("bodyId", body, "startsAt", "2026-01-15T09:00:00Z", "place", "KÚ Liberec"), 201);
        post(secretary, "/api/meetings/" + previous + "/agenda-items", Map.of("title", "Kapacity ubytoven v Doubí"), 201);
    }

    // ---- browser helpers ----

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * Opens a page. One CI run saw Chromium 156 not finish a navigation away from the dashboard (with its
     * live event stream) for 180 s while the server answered other requests; three runs before and after
     * did not. A navigation that does not load within 45 s is said in the output and tried once more; what
     * the page must show is asserted as before.
     */
    void open(String path) {
        loading("navigation to " + path, () -> driver.get(url(path)));
    }

    /**
     * Runs what starts a navigation; one that does not load within 45 s is said in the output, the server's
     * threads are written to target/, and it is run once more. chromedriver stops the load on the timeout, so
     * the page it started from is still there. A second timeout fails with the server threads inside Souhra code.
     */
    void loading(String what, Runnable navigation) {
        try {
            navigation.run();
        } catch (org.openqa.selenium.TimeoutException stuck) {
            System.out.println(what + " did not load within 45 s; trying once more");
            dumpThreads(what);
            try {
                navigation.run();
            } catch (org.openqa.selenium.TimeoutException again) {
                throw new AssertionError(what + " did not load twice within 45 s; server threads busy in Souhra code:\n" + souhraThreads(), again);
            }
        }
    }

    /** The server runs in this JVM: what its threads did while the browser waited goes to target/. */
    static void dumpThreads(String what) {
        StringBuilder dump = new StringBuilder(what).append('\n');
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(t.getThreadName()).append(' ').append(t.getThreadState()).append('\n');
            for (StackTraceElement f : t.getStackTrace()) {
                dump.append("    at ").append(f).append('\n');
            }
        }
        try {
            Files.writeString(Path.of("target", "stuck-" + System.currentTimeMillis() + ".txt"), dump);
        } catch (java.io.IOException e) {
            System.out.println("thread dump not written: " + e);
        }
    }

    void login(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        navigatingClick(() -> driver, "#login", "login of " + user);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    /** Date and time inputs take their value in ISO form whatever the browser's locale. */
    void setValue(WebElement input, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, value);
    }

    void submit(WebElement form) {
        String id = form.getAttribute("id");
        navigatingClick(() -> id == null || id.isEmpty() ? form : driver.findElement(By.id(id)), "button[type=submit]", "submit of " + id);
    }

    /**
     * Clicks what starts a navigation (a form's submit, a link). CI once saw the POST of the refused
     * weak-password form not load within 45 s, as an earlier run saw a GET (see {@link #open}); a throwaway
     * probe against a server holding the first POST showed the page and its input still there after the
     * timeout and a second click loading. The element is found afresh for each click.
     */
    void navigatingClick(java.util.function.Supplier<org.openqa.selenium.SearchContext> scope, String css, String what) {
        loading(what, () -> scope.get().findElement(By.cssSelector(css)).click());
    }

    /** Server threads that are inside Souhra's code (the test's own thread aside): where a stuck request would wait. */
    static String souhraThreads() {
        StringBuilder out = new StringBuilder();
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            List<StackTraceElement> frames = List.of(t.getStackTrace());
            boolean test = frames.stream().anyMatch(f -> f.getClassName().startsWith(WebUiBrowserTest.class.getName()));
            if (!test && frames.stream().anyMatch(f -> f.getClassName().startsWith("cz.souhra"))) {
                out.append(t.getThreadName()).append(' ').append(t.getThreadState());
                frames.stream().limit(12).forEach(f -> out.append(" <- ").append(f));
                out.append('\n');
            }
        }
        return out.length() == 0 ? "(none)" : out.toString();
    }

    void waitText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void screenshot(String name) throws java.io.IOException {
        screenshot(name, null);
    }

    /** Saves what the window shows, from the top of the page or with {@code focus} scrolled into view. */
    void screenshot(String name, String focus) throws java.io.IOException {
        Path dir = Files.isDirectory(Path.of("..", "docs")) ? Path.of("..", "docs", "screenshots") : Path.of("docs", "screenshots");
        Files.createDirectories(dir);
        if (focus == null) {
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        } else {
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", driver.findElement(By.cssSelector(focus)));
        }
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- the flows ----

    @Test
    @Order(1)
    void a_secretary_records_a_complete_meeting_from_scheduling_to_closing_with_two_measures_adopted() throws Exception {
        login("tajemnice", "zapis-z-porady-pod-javorem-1");
        el("h1");
        screenshot("01-prehled-tajemnice");

        open("/bodies/" + body);
        WebElement schedule = el("#schedule-form");
        setValue(schedule.findElement(By.id("startsAt")), "2026-04-14T09:30");
        type(schedule.findElement(By.id("place")), "KÚ Liberec, zasedací místnost 2");
        submit(schedule);
        wait.until(d -> d.getCurrentUrl().contains("/meetings/"));
        meeting = driver.getCurrentUrl().replaceAll(".*/meetings/([0-9a-f-]{36}).*", "$1");
        waitText("#meeting-status", "naplánováno");

        // carry-over proposed from the previous meeting
        submit(el("#carry-form"));
        waitText("#agenda + ol", "Kapacity ubytoven v Doubí");
        assertThat(driver.findElement(By.cssSelector("#agenda + ol")).getText()).contains("přeneseno");

        // an item added elsewhere (here through the API) appears in the open workspace without a reload
        post(api("tajemnice", "zapis-z-porady-pod-javorem-1"), "/api/meetings/" + meeting + "/agenda-items", Map.of("title", "Různé"), 201);
        waitText("#agenda + ol", "Různé");

        WebElement item = el("#agenda-form");
        type(item.findElement(By.id("item-title")), "Nábor agenturních pracovníků v průmyslové zóně Jih");
        new Select(item.findElement(By.id("item-presenter"))).selectByValue("UPLB");
        submit(item);
        waitText("#agenda + ol", "Nábor agenturních pracovníků");

        // attendance with the quorum shown live while it is being taken
        WebElement convene = el("#convene-form");
        waitText("#quorum", "Není usnášeníschopné");
        new Select(convene.findElement(By.id("status_KULK"))).selectByValue("DELEGATE");
        type(convene.findElement(By.id("delegate_KULK")), "Mgr. Jana Nováková");
        waitText("#quorum", "přítomno 1 z 3 členů");
        new Select(convene.findElement(By.id("status_UPLB"))).selectByValue("SUBSTITUTE");
        type(convene.findElement(By.id("delegate_UPLB")), "Ing. Karel Říha");
        waitText("#quorum", "Usnášeníschopné: přítomno 2 z 3 členů, potřeba 2");
        new Select(convene.findElement(By.id("status_MMLB"))).selectByValue("EXCUSED");
        screenshot("02-jednani-prezence", "#convene-form");
        submit(el("#convene-form"));
        waitText("#meeting-status", "probíhá");
        assertThat(el("#quorum-result").getText()).contains("přítomno 2 z 3 členů");

        // discussion of the new item, a resolution and two measures adopted from it in place
        WebElement discussion = driver.findElements(By.cssSelector("form[id^=discussion-form-]")).get(1);
        type(discussion.findElement(By.tagName("textarea")), "Úřad práce informoval o kontrolách agentur; shoda na společném postupu.");
        discussion.findElement(By.name("concluded")).click();
        submit(discussion);
        waitText("#agenda + ol", "shoda na společném postupu");

        WebElement resolution = el("#resolution-form");
        new Select(resolution.findElement(By.id("res-item"))).selectByVisibleText("Nábor agenturních pracovníků v průmyslové zóně Jih");
        type(resolution.findElement(By.id("res-number")), "3/2026");
        type(resolution.findElement(By.id("res-text")), "Pracovní skupina ukládá Úřadu práce provést společné kontroly agentur.");
        type(resolution.findElement(By.id("res-for")), "2");
        submit(resolution);
        waitText("#resolutions ~ .resolution", "3/2026");

        adoptMeasure("Společné kontroly pracovních agentur", "2026-06-30");
        adoptMeasure("Informační leták pro ubytované pracovníky", "2026-05-31");

        WebElement minutes = el("#minutes-form");
        type(minutes.findElement(By.id("minutes-text")), "Zápis z jednání pracovní skupiny: přítomni KULK a UPLB, přijato usnesení 3/2026.");
        submit(minutes);
        waitText("pre.minutes", "přijato usnesení 3/2026");
        screenshot("03-jednani-zaznam");

        submit(el("#close-form"));
        waitText("#meeting-status", "uzavřeno");
        assertThat(driver.findElements(By.id("resolution-form"))).isEmpty();
        List<WebElement> adopted = driver.findElements(By.cssSelector(".resolution .links a"));
        assertThat(adopted).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("Společné kontroly pracovních agentur", "Informační leták pro ubytované pracovníky");
        for (WebElement a : adopted) {
            String id = a.getAttribute("href").replaceAll(".*/measures/", "");
            if (a.getText().startsWith("Společné")) {
                measure1 = id;
            } else {
                measure2 = id;
            }
        }
    }

    private void adoptMeasure(String title, String due) {
        WebElement form = el("form.measure-form");
        type(form.findElement(By.name("title")), title);
        new Select(form.findElement(By.name("owner"))).selectByValue("UPLB");
        setValue(form.findElement(By.name("dueDate")), due);
        submit(form);
        waitText(".resolution .links", title);
    }

    @Test
    @Order(2)
    void the_owner_institutions_member_sees_the_measures_and_reports_progress_and_sees_other_changes_live() throws Exception {
        login("uprace", "heslo-uradu-prace-1");
        waitText("#board", "Společné kontroly pracovních agentur");
        // a report made elsewhere reaches the open dashboard by itself
        post(api("uprace", "heslo-uradu-prace-1"), "/api/measures/" + measure1 + "/progress", Map.of("percent", 20, "note", "Plán kontrol hotov."), 202);
        waitText("#board", "20 %");
        screenshot("04-prehled-clena");
        open("/measures");
        waitText("#our-open", "Společné kontroly pracovních agentur");
        waitText("#our-open", "Informační leták pro ubytované pracovníky");
        screenshot("05-nase-opatreni");

        open("/measures/" + measure1);
        WebElement form = el("#progress-form");
        type(form.findElement(By.id("percent")), "40");
        type(form.findElement(By.id("note")), "Provedeny první dvě kontroly.");
        submit(form);
        waitText("#m-percent", "40");
        waitText("#history", "zpráva o plnění");
        assertThat(el("#m-note").getText()).isEqualTo("Provedeny první dvě kontroly.");

        // someone else reports through the API: the open page shows it without a reload
        post(api("uprace", "heslo-uradu-prace-1"), "/api/measures/" + measure1 + "/progress", Map.of("percent", 60, "note", "Třetí kontrola hotova."), 202);
        waitText("#m-percent", "60");
        waitText("#m-note", "Třetí kontrola hotova.");
        screenshot("06-opatreni-plneni");
    }

    @Test
    @Order(3)
    void a_form_refused_by_the_server_keeps_the_input_and_shows_the_message_next_to_the_field() throws Exception {
        login("uprace", "heslo-uradu-prace-1");
        open("/measures/" + measure2);
        WebElement form = el("#progress-form");
        type(form.findElement(By.id("percent")), "150");
        type(form.findElement(By.id("note")), "Leták je v tisku.");
        submit(form);
        WebElement error = el("#progress-percent-error");
        assertThat(error.getText()).isEqualTo("Plnění musí být 0 až 100 %, ne 150.");
        assertThat(driver.findElement(By.id("percent")).getAttribute("value")).isEqualTo("150");
        assertThat(driver.findElement(By.id("percent")).getAttribute("aria-describedby")).isEqualTo("progress-percent-error");
        assertThat(driver.findElement(By.id("note")).getAttribute("value")).isEqualTo("Leták je v tisku.");
        assertThat(el("#m-percent").getText()).isEqualTo("0 %");
        screenshot("07-odmitnuty-formular", "#progress-form");
    }

    @Test
    @Order(5)
    void an_auditor_sees_meeting_and_progress_in_the_audit_log_and_the_measure_history_and_verifies_the_ledger() throws Exception {
        login("auditor", "kontrola-zapisu-u-smrku-1");
        open("/audit");
        waitText("#audit-log", "jednání uzavřeno");
        waitText("#audit-log", "zpráva o plnění");
        screenshot("08-auditni-zaznam");

        WebElement aggregate = el("#f-aggregate");
        type(aggregate, measure1);
        navigatingClick(() -> driver, "#filter", "audit filter");
        // adopted in the test's December for a due date in June: the schedule recorded it overdue right away, as the system
        waitText("#audit-log caption", "Událostí: 5");
        String log = el("#audit-log").getText();
        assertThat(log).contains("opatření přijato").contains("zpráva o plnění").doesNotContain("jednání uzavřeno")
                .contains("opatření po termínu").contains("system:overdue-schedule (systém)");

        open("/measures/" + measure1);
        waitText("#history", "opatření přijato");
        assertThat(el("#history").getText()).contains("zpráva o plnění").contains("uprace (UPLB)");
        assertThat(driver.findElements(By.id("progress-form"))).isEmpty();

        // the measure as it stood the day before it was adopted: it did not exist yet
        open("/measures/" + measure1 + "?asOf=" + java.time.LocalDate.now(java.time.ZoneId.of("Europe/Prague")).minusDays(1));
        assertThat(el("#error-message").getText()).isEqualTo("Stránka nebo záznam neexistuje.");
        open("/measures/" + measure1 + "?asOf=" + java.time.LocalDate.now(java.time.ZoneId.of("Europe/Prague")));
        waitText("#m-percent", "60");
        assertThat(el("p.notice").getText()).startsWith("Zobrazen stav ke konci dne");

        // the export downloads with the auditor's browser session and holds the measure's chained events
        String export = (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; fetch('/audit/export.jsonl').then(r => r.text()).then(done);");
        assertThat(export.lines().filter(l -> l.contains(measure1)).count()).isEqualTo(5);

        open("/audit/verify");
        el("#verify-start").click();
        WebElement ok = el("#verify-ok");
        assertThat(ok.getText()).startsWith("Kniha je neporušená");
        assertThat(driver.findElement(By.id("verify-progress")).getAttribute("value"))
                .isEqualTo(driver.findElement(By.id("verify-progress")).getAttribute("max"));
        screenshot("09-overeni-knihy");
    }

    @Test
    @Order(4)
    void a_member_raises_an_issue_after_a_refusal_that_kept_the_typed_text_and_finds_it_with_the_register_filters() throws Exception {
        login("uprace", "heslo-uradu-prace-1");
        open("/issues");
        WebElement form = el("#raise-form");
        new Select(form.findElement(By.id("i-category"))).selectByValue("AGENCY_EMPLOYMENT");
        type(form.findElement(By.id("i-locality")), "Liberec-Doubí");
        type(form.findElement(By.id("i-description")), "Agentura ubytovává pracovníky v nevyhovujících podmínkách.");
        submit(form);
        assertThat(el("#raise-title-error").getText()).contains("povinné");
        assertThat(driver.findElement(By.id("i-locality")).getAttribute("value")).isEqualTo("Liberec-Doubí");
        assertThat(driver.findElement(By.id("i-description")).getAttribute("value")).isEqualTo("Agentura ubytovává pracovníky v nevyhovujících podmínkách.");
        assertThat(new Select(driver.findElement(By.id("i-category"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("AGENCY_EMPLOYMENT");

        type(driver.findElement(By.id("i-title")), "Přeplněná ubytovna agentury v Doubí");
        submit(driver.findElement(By.id("raise-form")));
        waitText("#issues", "Přeplněná ubytovna agentury v Doubí");
        open("/issues?category=SCHOOLS");
        waitText("#issues caption", "Nalezeno: 0");
        open("/issues?category=AGENCY_EMPLOYMENT&q=doub");
        waitText("#issues caption", "Nalezeno: 1");
        screenshot("10-podnety");
    }

    @Test
    @Order(6)
    void an_administrator_creates_a_user_after_a_refused_weak_password_and_disables_it() throws Exception {
        login("admin", ADMIN_PASSWORD);
        open("/admin/users");
        WebElement form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), "novy.clen");
        type(form.findElement(By.id("u-password")), "kratke");
        new Select(form.findElement(By.id("u-institution"))).selectByValue("MMLB");
        form.findElement(By.id("u-role-MEMBER")).click();
        submit(form);
        assertThat(el("#create-password-error").getText()).contains("alespoň 12 znaků");
        assertThat(driver.findElement(By.id("u-user")).getAttribute("value")).isEqualTo("novy.clen");
        assertThat(driver.findElement(By.id("u-role-MEMBER")).isSelected()).isTrue();

        type(driver.findElement(By.id("u-password")), "dlouhe-heslo-clena-7");
        submit(driver.findElement(By.id("create-user-form")));
        waitText("#user-novy\\.clen", "člen");
        screenshot("11-uzivatele");
        el("#disable-novy\\.clen");
        navigatingClick(() -> driver, "#disable-novy\\.clen", "disable of novy.clen");
        waitText("#user-novy\\.clen", "zablokován");
    }

    @Test
    @Order(7)
    void the_language_switch_shows_english_labels() {
        login("uprace", "heslo-uradu-prace-1");
        open("/measures");
        waitText("header nav", "Naše opatření");
        navigatingClick(() -> driver, "#lang-en", "language switch");
        waitText("header nav", "Our measures");
        assertThat(el("h1").getText()).isEqualTo("Our measures");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        // the choice sticks for the next pages
        open("/");
        waitText("h1", "Dashboard");
        assertThat(el("header").getText()).contains("Log out");
    }
}
