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
 * language switch turns the UI English. Every page visited is checked with axe-core in Czech and English
 * at 1366 and 390 px (and must not spill sideways on the phone). Screenshots of the main Czech pages at
 * both widths go to docs/screenshots.
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
    /** A meeting three weeks ahead: the secretary's dashboard lists it. */
    String upcoming;
    /** What axe-core and the width check found, per page, language and width; the last test reports them all. */
    final List<String> findings = new java.util.ArrayList<>();
    final java.util.Set<String> audited = new java.util.HashSet<>();
    String axeSource;

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
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        try (var in = getClass().getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium on the test classpath").isNotNull();
            axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
                "meetingsPerYear", 4), 201);
        for (String member : List.of("KULK", "UPLB", "MMLB")) {
            post(admin, "/api/bodies/" + body + "/members", Map.of("institution", member), 202);
        }
        post(admin, "/api/admin/users", Map.of("user", "tajemnice", "password", "zapis-z-porady-pod-javorem-1", "institution", "KULK", "roles", List.of("SECRETARY")), 201);
        post(admin, "/api/admin/users", Map.of("user", "uprace", "password", "heslo-uradu-prace-1", "institution", "UPLB", "roles", List.of("MEMBER"),
                "displayName", "Petr Dvořák"), 201);
        post(admin, "/api/admin/users", Map.of("user", "auditor", "password", "kontrola-zapisu-u-smrku-1", "roles", List.of("AUDITOR")), 201);
        post(admin, "/api/bodies/" + body + "/secretaries", Map.of("user", "tajemnice"), 202);
        // the previous meeting, with an item left unfinished: the workspace proposes carrying it over
        WebTestClient secretary = api("tajemnice", "zapis-z-porady-pod-javorem-1");
        String previous = post(secretary, "/api/meetings", Map.of("bodyId", body, "startsAt", "2026-01-15T09:00:00Z", "place", "KÚ Liberec"), 201);
        post(secretary, "/api/meetings/" + previous + "/agenda-items", Map.of("title", "Kapacity ubytoven v Doubí"), 201);
        // ... and a measure adopted there that is still open: the next meeting follows it up by its title
        post(secretary, "/api/meetings/" + previous + "/convene", Map.of("attendance", List.of(Map.of("institution", "KULK", "status", "DELEGATE"),
                Map.of("institution", "UPLB", "status", "DELEGATE"))), 202);
        String resolution = post(secretary, "/api/meetings/" + previous + "/resolutions", Map.of("number", "1/2026", "text", "Skupina ukládá aktualizovat mapu ubytoven."), 201);
        post(secretary, "/api/meetings/" + previous + "/resolutions/" + resolution + "/measures", Map.of("title", "Aktualizace mapy ubytoven",
                "owner", "KULK", "dueDate", today().plusDays(90).toString()), 201);
        upcoming = post(secretary, "/api/meetings", Map.of("bodyId", body, "startsAt", today().plusDays(21).atTime(10, 0).atZone(PRAGUE).toInstant().toString(),
                "place", "Magistrát Liberec, sál 3"), 201);
    }

    static final java.time.ZoneId PRAGUE = java.time.ZoneId.of("Europe/Prague");

    static java.time.LocalDate today() {
        return java.time.LocalDate.now(PRAGUE);
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

    /** The page at the laptop width and again at the phone's, as NAME.png and NAME-390.png. */
    void screenshots(String name, String focus) throws java.io.IOException {
        screenshot(name, focus);
        driver.manage().window().setSize(PHONE);
        try {
            screenshot(name + "-390", focus);
        } finally {
            driver.manage().window().setSize(LAPTOP);
        }
    }

    // ---- accessibility and width: every page, both languages, both widths ----

    static final org.openqa.selenium.Dimension LAPTOP = new org.openqa.selenium.Dimension(1366, 900);
    static final org.openqa.selenium.Dimension PHONE = new org.openqa.selenium.Dimension(390, 844);

    /** axe-core on the page as it is now, at both widths; violations and sideways spill are kept in {@link #findings}. */
    void axe(String page) {
        Accessibility.check(driver, axeSource, page, findings);
    }

    /** axe-core's violations on the page as it is: one line per rule with the elements concerned, empty when there are none. */
    String axeRun() {
        return Accessibility.violations(driver, axeSource);
    }

    /** The page at {@code path} in Czech and in English (axe at both widths), then Czech again for the rest of the flow. */
    void axeBothLanguages(String page, String path) {
        if (!audited.add(page)) {
            return;
        }
        String sep = path.contains("?") ? "&" : "?";
        for (String lang : List.of("en", "cs")) {
            open(path + sep + "lang=" + lang);
            el("main");
            axe(page);
        }
    }

    /** What fetch() in the logged-in browser gets: status, content type and the start of the body. */
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch(String path) {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text().then(function (t) {"
                + "  done({status: r.status, type: r.headers.get('content-type') || '', start: t.substring(0, 5000)}); }); })"
                + ".catch(function (e) { done({status: -1, type: '', start: String(e)}); });", path);
    }

    /** The text of the page's success message after an action. */
    String flash() {
        return el("#flash").getText();
    }

    void confirmInDialog(String button, boolean yes) {
        el(button).click();
        WebElement dialog = el("#confirm-dialog[open]");
        if (yes) {
            navigatingClick(() -> dialog, "#confirm-yes", "confirmation of " + button);
        } else {
            dialog.findElement(By.id("confirm-no")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        }
    }

    static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Saves what the window shows, from the top of the page or with {@code focus} scrolled into view. */
    void screenshot(String name, String focus) throws java.io.IOException {
        Path dir = cz.souhra.infra.Checkout.root().resolve("docs").resolve("screenshots");
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
    @Order(0)
    void the_login_page_speaks_of_a_failure_only_after_one_and_of_logging_out_only_after_it_with_each_label_above_its_box() {
        driver.manage().deleteAllCookies();
        open("/login");
        el("#login-form");
        assertThat(driver.findElements(By.id("login-failed"))).isEmpty();
        assertThat(driver.findElements(By.id("logged-out"))).isEmpty();
        // "Heslo" is the password box's label and sits right above it, under the user name box
        WebElement label = driver.findElement(By.cssSelector("label[for=password]"));
        assertThat(label.getText()).isEqualTo("Heslo");
        org.openqa.selenium.Rectangle l = label.getRect();
        org.openqa.selenium.Rectangle password = driver.findElement(By.id("password")).getRect();
        org.openqa.selenium.Rectangle user = driver.findElement(By.id("username")).getRect();
        assertThat(l.getY()).isGreaterThan(user.getY() + user.getHeight() - 1);
        assertThat(l.getY() + l.getHeight()).isLessThanOrEqualTo(password.getY());
        assertThat(l.getX()).isEqualTo(password.getX());
        axeBothLanguages("login", "/login");
        // the check itself sees a violation when there is one: an image without a text alternative
        ((JavascriptExecutor) driver).executeScript("var i = document.createElement('img'); i.src = '/favicon.ico';"
                + "document.querySelector('main').appendChild(i);");
        assertThat(axeRun()).contains("image-alt");
        // the footer's accessibility statement is there before anyone logs in
        navigatingClick(() -> driver, "#accessibility-link", "accessibility statement");
        waitText("h1", "Prohlášení o přístupnosti");
        assertThat(el("main").getText()).contains("99/2019 Sb.").contains("WCAG 2.1").contains("EN 301 549");
        assertThat(el("#a11y-date").getText()).contains("2026");
        axeBothLanguages("accessibility statement", "/pristupnost");

        open("/login");
        driver.findElement(By.id("username")).sendKeys("tajemnice");
        driver.findElement(By.id("password")).sendKeys("spatne-heslo");
        navigatingClick(() -> driver, "#login", "failed login");
        assertThat(el("#login-failed").getText()).startsWith("Nesprávné jméno nebo heslo");
        assertThat(driver.findElements(By.id("logged-out"))).isEmpty();
        axe("login after a failure");

        login("tajemnice", "zapis-z-porady-pod-javorem-1");
        navigatingClick(() -> driver, "header form.inline button", "logout");
        assertThat(el("#logged-out").getText()).isEqualTo("Byli jste odhlášeni.");
        assertThat(driver.findElements(By.id("login-failed"))).isEmpty();
    }

    @Test
    @Order(1)
    void a_secretary_records_a_complete_meeting_from_scheduling_to_closing_with_two_measures_adopted() throws Exception {
        login("tajemnice", "zapis-z-porady-pod-javorem-1");
        // the secretary's dashboard lists the next meetings, and its figures lead to their lists
        waitText("#upcoming", "Magistrát Liberec, sál 3");
        assertThat(driver.findElements(By.cssSelector("#upcoming a"))).extracting(a -> a.getAttribute("href")).anyMatch(h -> h.endsWith("/meetings/" + upcoming));
        assertThat(el("#card-open").getAttribute("href")).endsWith("/measures?status=OPEN");
        assertThat(el("#card-overdue").getAttribute("href")).endsWith("/measures?overdue=true");
        assertThat(el("#card-completed").getAttribute("href")).endsWith("/measures?status=COMPLETED");
        assertThat(el("#board").getText()).doesNotContain("1 otevřených").contains("1\notevřené opatření");
        screenshots("01-prehled-tajemnice", null);
        axeBothLanguages("secretary's dashboard", "/");
        navigatingClick(() -> driver, "#card-open", "open measures card");
        waitText("#register", "Aktualizace mapy ubytoven");
        assertThat(new Select(el("select[name=status]")).getFirstSelectedOption().getAttribute("value")).isEqualTo("OPEN");

        open("/bodies");
        el("main table");
        assertThat(el("main table").getText()).contains("Liberecký kraj").doesNotContain("LBK");
        axeBothLanguages("bodies", "/bodies");

        open("/bodies/" + body);
        assertThat(el("#members").getText()).contains("Krajský úřad Libereckého kraje").doesNotContain("KULK");
        Map<String, Object> ics = fetch(el("#body-calendar").getAttribute("href"));
        assertThat(ics.get("status")).isEqualTo(200L);
        assertThat((String) ics.get("type")).startsWith("text/calendar");
        assertThat((String) ics.get("start")).startsWith("BEGIN:VCALENDAR");
        axeBothLanguages("body", "/bodies/" + body);

        // a form refused on two fields shows both messages at once and puts the focus on the first
        submit(el("#schedule-form"));
        assertThat(el("#schedule-startsAt-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(el("#schedule-place-error").getText()).isEqualTo("Toto pole je povinné.");
        wait.until(d -> "startsAt".equals(d.switchTo().activeElement().getAttribute("id")));
        assertThat(driver.findElement(By.id("startsAt")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("place")).getAttribute("aria-describedby")).isEqualTo("schedule-place-error");
        assertThat(inView("#startsAt")).isTrue();
        axe("body with a refused schedule form");

        WebElement schedule = el("#schedule-form");
        setValue(schedule.findElement(By.id("startsAt")), "2026-04-14T09:30");
        type(schedule.findElement(By.id("place")), "KÚ Liberec, zasedací místnost 2");
        submit(schedule);
        wait.until(d -> d.getCurrentUrl().contains("/meetings/"));
        meeting = driver.getCurrentUrl().replaceAll(".*/meetings/([0-9a-f-]{36}).*", "$1");
        waitText("#meeting-status", "naplánováno");
        assertThat(flash()).isEqualTo("Jednání bylo naplánováno.");
        // an empty agenda says so in words, not as a numbered "Nic."
        assertThat(el("#agenda-empty").getText()).isEqualTo("Program zatím nemá žádný bod.");
        assertThat(el("#record").getText()).doesNotContain("Nic.");
        axeBothLanguages("scheduled meeting", "/meetings/" + meeting);

        // carry-over proposed from the previous meeting: its unfinished item and its open measure, by title
        WebElement carry = el("#carry-form");
        assertThat(carry.getText()).contains("Aktualizace mapy ubytoven (Krajský úřad Libereckého kraje)");
        submit(carry);
        waitText("ol.agenda", "Kapacity ubytoven v Doubí");
        assertThat(flash()).isEqualTo("Nedokončené body a vybraná opatření byly převzaty.");
        assertThat(driver.findElement(By.cssSelector("ol.agenda")).getText()).contains("přeneseno");
        assertThat(el("#carried-measures").getText()).contains("Aktualizace mapy ubytoven");
        assertThat(UUID.matcher(el("#record").getText()).find()).as("an id on the meeting page: " + el("#record").getText()).isFalse();

        // an item added elsewhere (here through the API) appears in the open workspace without a reload
        post(api("tajemnice", "zapis-z-porady-pod-javorem-1"), "/api/meetings/" + meeting + "/agenda-items", Map.of("title", "Různé"), 201);
        waitText("ol.agenda", "Různé");

        WebElement item = el("#agenda-form");
        type(item.findElement(By.id("item-title")), "Nábor agenturních pracovníků v průmyslové zóně Jih");
        new Select(item.findElement(By.id("item-presenter"))).selectByValue("UPLB");
        submit(item);
        waitText("ol.agenda", "Nábor agenturních pracovníků");
        assertThat(flash()).isEqualTo("Bod byl přidán do programu.");

        // attendance by institution names, with the quorum shown live while it is being taken
        WebElement convene = el("#convene-form");
        assertThat(convene.findElement(By.cssSelector("label[for=status_KULK]")).getText()).isEqualTo("Krajský úřad Libereckého kraje");
        assertThat(convene.getText()).doesNotContain("KULK").doesNotContain("UPLB");
        waitText("#quorum", "Není usnášeníschopné");
        new Select(convene.findElement(By.id("status_KULK"))).selectByValue("DELEGATE");
        type(convene.findElement(By.id("delegate_KULK")), "Mgr. Jana Nováková");
        waitText("#quorum", "přítomno 1 z 3 členů");
        new Select(convene.findElement(By.id("status_UPLB"))).selectByValue("SUBSTITUTE");
        type(convene.findElement(By.id("delegate_UPLB")), "Mgr. Eva Malá");
        type(convene.findElement(By.id("substitute_UPLB")), "Ing. Karel Říha");
        waitText("#quorum", "Usnášeníschopné: přítomno 2 z 3 členů, potřeba 2");
        new Select(convene.findElement(By.id("status_MMLB"))).selectByValue("EXCUSED");
        assertThat(new Select(convene.findElement(By.id("status_UPLB"))).getFirstSelectedOption().getText()).isEqualTo("zastoupen");
        screenshots("02-jednani-prezence", "#convene-form");
        submit(el("#convene-form"));
        waitText("#meeting-status", "probíhá");
        assertThat(el("#quorum-result").getText()).contains("přítomno 2 z 3 členů");

        // discussion of the new item, a resolution and two measures adopted from it in place
        WebElement discussion = driver.findElements(By.cssSelector("form[id^=discussion-form-]")).get(1);
        type(discussion.findElement(By.tagName("textarea")), "Úřad práce informoval o kontrolách agentur; shoda na společném postupu.");
        discussion.findElement(By.name("concluded")).click();
        submit(discussion);
        waitText("ol.agenda", "shoda na společném postupu");
        assertThat(flash()).isEqualTo("Rozprava byla uložena.");

        WebElement resolution = el("#resolution-form");
        new Select(resolution.findElement(By.id("res-item"))).selectByVisibleText("Nábor agenturních pracovníků v průmyslové zóně Jih");
        type(resolution.findElement(By.id("res-number")), "3/2026");
        type(resolution.findElement(By.id("res-text")), "Pracovní skupina ukládá Úřadu práce provést společné kontroly agentur.");
        type(resolution.findElement(By.id("res-for")), "2");
        submit(resolution);
        waitText("#resolutions ~ .resolution", "3/2026");
        assertThat(flash()).isEqualTo("Usnesení bylo přijato.");

        adoptMeasure("Společné kontroly pracovních agentur", today().plusDays(60).toString());
        adoptMeasure("Informační leták pro ubytované pracovníky", today().plusDays(20).toString());

        WebElement minutes = el("#minutes-form");
        type(minutes.findElement(By.id("minutes-text")), "Zápis z jednání pracovní skupiny: přítomni KULK a UPLB, přijato usnesení 3/2026.");
        submit(minutes);
        waitText("pre.minutes", "přijato usnesení 3/2026");
        assertThat(flash()).isEqualTo("Zápis byl uložen.");
        screenshots("03-jednani-zaznam", null);
        axeBothLanguages("convened meeting", "/meetings/" + meeting);

        // closing asks first: cancelled, nothing happens; confirmed, the meeting is closed
        confirmInDialog("#close-meeting", false);
        assertThat(el("#meeting-status").getText()).isEqualTo("probíhá");
        axe("meeting with the closing question answered no");
        confirmInDialog("#close-meeting", true);
        waitText("#meeting-status", "uzavřeno");
        assertThat(flash()).startsWith("Jednání bylo uzavřeno");
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
        // a closed meeting uses the width of a wide screen, and its minutes are one click away
        double record = el("#record").getRect().getWidth();
        double main = el("main").getRect().getWidth();
        assertThat(record / main).as("record " + record + " px of main " + main + " px").isGreaterThan(0.9);
        Map<String, Object> pdf = fetch(el("#minutes-pdf").getAttribute("href"));
        assertThat(el("#minutes-pdf").getText()).isEqualTo("Stáhnout zápis (PDF)");
        assertThat(pdf.get("status")).isEqualTo(200L);
        assertThat(pdf.get("type")).isEqualTo("application/pdf");
        assertThat((String) pdf.get("start")).startsWith("%PDF");
        assertThat(el("#meeting-calendar").getAttribute("href")).endsWith("/bodies/" + body + "/calendar.ics");
        axeBothLanguages("closed meeting", "/meetings/" + meeting);
    }

    boolean inView(String css) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript("var r = arguments[0].getBoundingClientRect();"
                + "return r.top >= 0 && r.bottom <= window.innerHeight;", driver.findElement(By.cssSelector(css)));
    }

    private void adoptMeasure(String title, String due) {
        WebElement form = el("form.measure-form");
        type(form.findElement(By.name("title")), title);
        new Select(form.findElement(By.name("owner"))).selectByValue("UPLB");
        setValue(form.findElement(By.name("dueDate")), due);
        submit(form);
        waitText(".resolution .links", title);
        assertThat(flash()).isEqualTo("Opatření bylo přijato.");
    }

    @Test
    @Order(2)
    void the_owner_institutions_member_sees_the_measures_and_reports_progress_and_sees_other_changes_live() throws Exception {
        login("uprace", "heslo-uradu-prace-1");
        waitText("#board", "Společné kontroly pracovních agentur");
        assertThat(el(".lead").getText()).isEqualTo("Přihlášen(a): Petr Dvořák · Úřad práce ČR – Liberec");
        assertThat(el("header .who").getText()).isEqualTo("Petr Dvořák · Úřad práce ČR – Liberec");
        // plural forms: two open measures
        assertThat(el("#card-open").getText()).isEqualTo("3\notevřená opatření");
        Map<String, Object> ics = fetch(el("#institution-calendar").getAttribute("href"));
        assertThat(ics.get("status")).isEqualTo(200L);
        assertThat((String) ics.get("start")).startsWith("BEGIN:VCALENDAR");
        // a report made elsewhere reaches the open dashboard by itself
        post(api("uprace", "heslo-uradu-prace-1"), "/api/measures/" + measure1 + "/progress", Map.of("percent", 20, "note", "Plán kontrol hotov."), 202);
        waitText("#board", "20 %");
        screenshots("04-prehled-clena", null);
        axeBothLanguages("member's dashboard", "/");

        open("/measures");
        waitText("#our-open", "Společné kontroly pracovních agentur");
        waitText("#our-open", "Informační leták pro ubytované pracovníky");
        waitText("#our-due-soon", "Informační leták pro ubytované pracovníky");
        Map<String, Object> csv = fetch(el("#measures-csv").getAttribute("href"));
        assertThat(csv.get("status")).isEqualTo(200L);
        assertThat((String) csv.get("type")).startsWith("text/csv");
        assertThat((String) csv.get("start")).contains("Společné kontroly pracovních agentur");
        screenshots("05-nase-opatreni", null);
        axeBothLanguages("our measures", "/measures");

        open("/measures/" + measure1);
        WebElement form = el("#progress-form");
        type(form.findElement(By.id("percent")), "40");
        type(form.findElement(By.id("note")), "Provedeny první dvě kontroly.");
        submit(form);
        waitText("#m-percent", "40");
        assertThat(flash()).isEqualTo("Zpráva o plnění byla podána.");
        waitText("#history", "zpráva o plnění");
        assertThat(el("#m-note").getText()).isEqualTo("Provedeny první dvě kontroly.");
        assertThat(el("#history").getText()).contains("Petr Dvořák (Úřad práce ČR – Liberec)").doesNotContain("uprace").doesNotContain("UPLB");

        // someone else reports through the API: the open page shows it without a reload
        post(api("uprace", "heslo-uradu-prace-1"), "/api/measures/" + measure1 + "/progress", Map.of("percent", 60, "note", "Třetí kontrola hotova."), 202);
        waitText("#m-percent", "60");
        waitText("#m-note", "Třetí kontrola hotova.");
        // the form follows the record it would change, and says politely that the record changed
        wait.until(d -> "60".equals(d.findElement(By.id("percent")).getAttribute("value")));
        assertThat(el("#live-notice").getText()).isEqualTo("Záznam se mezitím změnil; zobrazen je jeho nový stav.");
        screenshots("06-opatreni-plneni", null);
        axeBothLanguages("measure", "/measures/" + measure1);
        axeBothLanguages("lineage", "/measures/" + measure1 + "/lineage");
    }

    @Test
    @Order(3)
    void a_refused_form_keeps_the_input_focuses_the_field_and_a_measure_reported_done_after_confirming_leaves_the_open_lists() throws Exception {
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
        wait.until(d -> "percent".equals(d.switchTo().activeElement().getAttribute("id")));
        assertThat(inView("#percent")).isTrue();
        assertThat(el("#m-percent").getText()).isEqualTo("0 %");
        assertThat(driver.findElements(By.id("flash"))).isEmpty();
        screenshots("07-odmitnuty-formular", "#progress-form");
        axe("measure with a refused progress report");

        // reporting it done asks first
        type(driver.findElement(By.id("note")), "Leták vytištěn a rozdán.");
        confirmInDialog("#complete", true);
        waitText("#m-status", "splněno");
        assertThat(flash()).isEqualTo("Opatření bylo vykázáno jako splněné.");

        open("/measures");
        el("#our-done");
        assertThat(el("#our-done").getText()).contains("Informační leták pro ubytované pracovníky");
        assertThat(el("#our-due-soon").getText()).doesNotContain("Informační leták");
        assertThat(el("#our-open").getText()).doesNotContain("Informační leták").contains("Společné kontroly pracovních agentur");
    }

    @Test
    @Order(5)
    void an_auditor_sees_meeting_and_progress_in_the_audit_log_and_the_measure_history_and_verifies_the_ledger() throws Exception {
        login("auditor", "kontrola-zapisu-u-smrku-1");
        open("/audit");
        waitText("#audit-log", "jednání uzavřeno");
        waitText("#audit-log", "zpráva o plnění");
        String log = el("#audit-log").getText();
        // records by their names, people by theirs, regions by name: no id, code or internal name
        assertThat(log).contains("opatření: Společné kontroly pracovních agentur").contains("orgán: Pracovní skupina průmyslové zóny a ubytovny")
                .contains("Petr Dvořák (Úřad práce ČR – Liberec)").contains("Liberecký kraj").contains("celostátní")
                .doesNotContain("_global").doesNotContain("LBK").doesNotContain("Issue ").doesNotContain("Measure ");
        assertThat(UUID.matcher(log).find()).as("an id in the audit log").isFalse();
        assertThat(new Select(el("select[name=region]")).getOptions()).extracting(WebElement::getText).doesNotContain("_global").contains("celostátní");
        Select events = new Select(el("#f-type"));
        assertThat(events.getOptions()).extracting(WebElement::getText).contains("zpráva o plnění", "jednání uzavřeno");
        screenshots("08-auditni-zaznam", null);
        axeBothLanguages("audit log", "/audit");

        new Select(el("#f-type")).selectByVisibleText("zpráva o plnění");
        type(el("#f-aggregate"), measure1);
        navigatingClick(() -> driver, "#filter", "audit filter");
        waitText("#audit-log caption", "Událostí: 3");
        assertThat(el("#audit-log").getText()).doesNotContain("opatření přijato");

        open("/measures/" + measure1);
        waitText("#history", "opatření přijato");
        assertThat(el("#history").getText()).contains("zpráva o plnění").contains("Petr Dvořák (Úřad práce ČR – Liberec)");
        assertThat(driver.findElements(By.id("progress-form"))).isEmpty();

        // the measure as it stood the day before it was adopted: it did not exist yet
        open("/measures/" + measure1 + "?asOf=" + today().minusDays(1));
        assertThat(el("#error-message").getText()).isEqualTo("V té době záznam ještě neexistoval.");
        assertThat(el("#error-current").getAttribute("href")).endsWith("/measures/" + measure1);
        assertThat(el("nav").getText()).as("the page keeps the navigation").isNotEmpty();
        // the as-of view starts from the list of measures by title: nobody types an id
        open("/audit/verify");
        new Select(el("#asof-measure-id")).selectByVisibleText("Společné kontroly pracovních agentur");
        setValue(el("#asof-measure-date"), today().toString());
        navigatingClick(() -> driver, "#asof-measure-show", "as-of view");
        wait.until(d -> d.getCurrentUrl().contains("/measures/" + measure1 + "?asOf=" + today()));
        waitText("#m-percent", "60");
        assertThat(el("p.notice").getText()).startsWith("Zobrazen stav ke konci dne");

        // the export downloads with the auditor's browser session and holds the measure's chained events
        String export = (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; fetch('/audit/export.jsonl').then(r => r.text()).then(done);");
        // the measure's own stream, in order: its adoption and the three progress reports (20, 40, 60 %)
        List<String> chained = export.lines().filter(l -> l.contains("\"aggregateId\":\"" + measure1 + "\"")).toList();
        assertThat(chained).as(String.join("\n", chained)).extracting(l -> l.replaceAll(".*\"payloadType\":\"[a-z.]*\\.([A-Za-z]+)\".*", "$1"))
                .containsExactly("MeasureAdoptedEvent", "ProgressReportedEvent", "ProgressReportedEvent", "ProgressReportedEvent");

        open("/audit/verify");
        el("#verify-start").click();
        WebElement ok = el("#verify-ok");
        assertThat(ok.getText()).startsWith("Kniha záznamů je neporušená");
        assertThat(el("#verify-result").getText()).contains("Liberecký kraj: ").contains("celostátní: ").doesNotContain("LBK").doesNotContain("_global");
        assertThat(driver.findElement(By.id("verify-progress")).getAttribute("value"))
                .isEqualTo(driver.findElement(By.id("verify-progress")).getAttribute("max"));
        screenshot("09-overeni-knihy");
        axe("ledger verification, verified");
        axeBothLanguages("ledger verification", "/audit/verify");
        axeBothLanguages("auditor's dashboard", "/");
    }

    @Test
    @Order(4)
    void a_member_raises_an_issue_after_a_refusal_that_showed_every_message_and_finds_it_without_accents() throws Exception {
        login("uprace", "heslo-uradu-prace-1");
        open("/issues");
        WebElement form = el("#raise-form");
        // no area is chosen for the user, least of all a sensitive one
        assertThat(new Select(form.findElement(By.id("i-category"))).getFirstSelectedOption().getAttribute("value")).isEmpty();
        assertThat(new Select(form.findElement(By.id("i-region"))).getFirstSelectedOption().getText()).isEqualTo("Liberecký kraj");
        Map<String, Object> csv = fetch(el("#issues-csv").getAttribute("href"));
        assertThat(csv.get("status")).isEqualTo(200L);
        assertThat((String) csv.get("type")).startsWith("text/csv");
        axeBothLanguages("issues", "/issues");

        form = el("#raise-form");
        type(form.findElement(By.id("i-locality")), "Liberec-Doubí");
        type(form.findElement(By.id("i-description")), "Agentura ubytovává pracovníky v nevyhovujících podmínkách.");
        submit(form);
        // both missing fields at once, the focus on the first of them
        assertThat(el("#raise-category-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(el("#raise-title-error").getText()).isEqualTo("Toto pole je povinné.");
        wait.until(d -> "i-category".equals(d.switchTo().activeElement().getAttribute("id")));
        assertThat(inView("#i-category")).isTrue();
        assertThat(driver.findElement(By.id("i-locality")).getAttribute("value")).isEqualTo("Liberec-Doubí");
        assertThat(driver.findElement(By.id("i-description")).getAttribute("value")).isEqualTo("Agentura ubytovává pracovníky v nevyhovujících podmínkách.");
        axe("issues with a refused form");

        new Select(driver.findElement(By.id("i-category"))).selectByValue("AGENCY_EMPLOYMENT");
        type(driver.findElement(By.id("i-title")), "Přeplněná ubytovna agentury v Doubí");
        submit(driver.findElement(By.id("raise-form")));
        waitText("#issues", "Přeplněná ubytovna agentury v Doubí");
        assertThat(flash()).isEqualTo("Podnět byl vložen do registru.");
        assertThat(el("#issues").getText()).contains("Liberecký kraj").doesNotContain("LBK");
        open("/issues?category=SCHOOLS");
        waitText("#issues caption", "Nalezeno: 0");
        assertThat(el("#issues").getText()).contains("Filtru neodpovídá žádný podnět.");
        // without accents and in another case
        open("/issues?q=DOUBI");
        waitText("#issues caption", "Nalezeno: 1");
        open("/issues?category=AGENCY_EMPLOYMENT&q=doubi");
        waitText("#issues caption", "Nalezeno: 1");
        screenshots("10-podnety", null);
    }

    @Test
    @Order(5)
    void a_member_finds_records_by_a_word_form_from_the_header_box_with_snippets_and_narrows_them_by_kind() throws Exception {
        login("uprace", "heslo-uradu-prace-1");
        open("/");
        type(el("#header-q"), "agentura");
        submit(el("#header-search"));
        waitText("#search-count", "Nalezeno");
        // "agentura" finds "agentury", "agentur" and "Agentura": the issue, the discussion and the resolution of the meeting
        String results = el("#search-results").getText();
        assertThat(results).contains("Přeplněná ubytovna agentury v Doubí", "Usnesení 3/2026", "kontrolách agentur");
        assertThat(driver.findElements(By.cssSelector("#search-results .snippet mark"))).isNotEmpty();
        assertThat(el("#facet-kind").getText()).contains("Podnět", "Rozprava", "Usnesení");
        assertThat(el("#facet-region").getText()).contains("Liberecký kraj").doesNotContain("LBK");
        axeBothLanguages("search", "/search?q=agentura");
        navigatingClick(() -> el("#facet-kind"), "a[href*='kind=ISSUE']", "the issue facet");
        waitText("#facet-kind .chosen", "Podnět");
        assertThat(driver.findElements(By.cssSelector("#search-results .kind"))).isNotEmpty()
                .allSatisfy(k -> assertThat(k.getText()).isEqualToIgnoringCase("Podnět"));
        screenshots("12-vyhledavani", null);
        // words typed without diacritics, a word of the minutes
        open("/search?q=pritomni");
        waitText("#search-results", "Zápis z jednání");
        open("/search?q=agentura&region=XX");
        waitText("#search-refusal", "region=XX");
        axe("search with a refused filter");
    }

    @Test
    @Order(6)
    void an_administrator_creates_a_user_after_a_refusal_naming_both_wrong_fields_and_disables_it_after_confirming() throws Exception {
        login("admin", ADMIN_PASSWORD);
        open("/admin/users");
        // the secretary's body by its name
        assertThat(el("#user-tajemnice").getText()).contains("Pracovní skupina průmyslové zóny a ubytovny");
        assertThat(UUID.matcher(el("#users").getText()).find()).as("an id on the users page").isFalse();
        axeBothLanguages("users", "/admin/users");

        WebElement form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), "nový člen");
        type(form.findElement(By.id("u-password")), "kratke");
        new Select(form.findElement(By.id("u-institution"))).selectByValue("MMLB");
        form.findElement(By.id("u-role-MEMBER")).click();
        submit(form);
        assertThat(el("#create-user-error").getText()).contains("bez diakritiky");
        assertThat(el("#create-password-error").getText()).contains("alespoň 12 znaků");
        wait.until(d -> "u-user".equals(d.switchTo().activeElement().getAttribute("id")));
        assertThat(driver.findElement(By.id("u-user")).getAttribute("value")).isEqualTo("nový člen");
        assertThat(driver.findElement(By.id("u-role-MEMBER")).isSelected()).isTrue();
        axe("users with a refused form");

        type(driver.findElement(By.id("u-user")), "novy.clen");
        type(driver.findElement(By.id("u-password")), "dlouhe-heslo-clena-7");
        submit(driver.findElement(By.id("create-user-form")));
        waitText("#user-novy\\.clen", "člen");
        assertThat(flash()).isEqualTo("Uživatel byl založen.");
        screenshots("11-uzivatele", null);

        // without script the server asks on a page of its own (form.submit() skips the page's script)
        ((JavascriptExecutor) driver).executeScript("document.getElementById('disable-novy.clen').form.submit();");
        assertThat(el("#confirm-page-question").getText()).startsWith("Zablokovat uživatele novy.clen?");
        axe("confirmation page");
        navigatingClick(() -> driver, "#confirm-page-no", "confirmation page, no");
        waitText("#user-novy\\.clen", "aktivní");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('disable-novy.clen').form.submit();");
        navigatingClick(() -> driver, "#confirm-page-yes", "confirmation page, yes");
        waitText("#user-novy\\.clen", "zablokován");
        assertThat(flash()).isEqualTo("Uživatel byl zablokován.");
        axeBothLanguages("administrator's dashboard", "/");
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
        assertThat(el("#card-open").getText()).isEqualTo("2\nopen measures");
        open("/?lang=cs");
        waitText("h1", "Přehled");
    }

    @Test
    @Order(99)
    void every_page_visited_has_no_accessibility_violation_and_no_sideways_scroll_in_both_languages_at_both_widths() {
        assertThat(findings).as("axe-core violations and sideways spill:\n" + String.join("\n\n", findings)).isEmpty();
        assertThat(audited).as("pages checked").hasSizeGreaterThan(15);
    }
}
