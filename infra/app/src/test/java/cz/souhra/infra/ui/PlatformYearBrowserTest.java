package cz.souhra.infra.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;

/**
 * A platform's year through the UI alone, in headless Debian chromium, from an empty store and without one API
 * call. The administrator registers the institutions, establishes the regional platform and a working group,
 * admits their members and creates the users with their roles and secretaryships in one form each (a disabled
 * account is enabled again, a reset password is shown once and opens only the password change). The platform's
 * secretary establishes a working group of her region, appoints its secretary and removes him again, and
 * dissolves another group. She then records a first meeting without quorum (attendance, discussion and
 * minutes; no resolution), a second that carries its unfinished item over and adopts three measures, and a
 * third that is offered the open measures, extends one deadline, verifies a completed measure and reassigns a
 * third; she links an issue to an agenda item and resolves it, and reschedules, trims and cancels a later
 * meeting. A member institution reports progress and completion and raises the issue. An auditor reads the
 * history, the lineage and the as-of views and verifies the ledger, and opens the guides from the footer.
 * Each new page is checked with axe-core in both languages at 1366 and 390 px; screenshots go to
 * docs/screenshots (2x-*.png, rok-*.png), where the user guides in docs/guide/ show them.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformYearBrowserTest {

    static final String ADMIN_PASSWORD = "spravce-kraje-pod-jestedem-3";
    static final String SECRETARY = "novakova";
    static final String SECRETARY_PASSWORD = "zapis-z-porady-u-jeleni-louky-1";
    static final String MEMBER = "dvorak";
    static final String MEMBER_PASSWORD = "heslo-uradu-prace-na-rok-1";
    static final String KRAJ = "kraj";
    static final String KRAJ_PASSWORD = "krajsky-urad-overuje-zapis-1";
    static final String AUDITOR = "kontrola";
    static final String AUDITOR_PASSWORD = "kontrola-zapisu-pod-buky-1";
    static final String GROUP_SECRETARY = "horak";
    static final Path DATA_DIR = TestApplication.newDataDir("souhra-year");
    static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
    static final Dimension LAPTOP = new Dimension(1366, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static final String KULK = "Krajský úřad Libereckého kraje";
    static final String UPLB = "Úřad práce ČR – Liberec";
    static final String MMLB = "Statutární město Liberec";
    static final String PLATFORM = "Regionální platforma Libereckého kraje";
    static final String ITEM_1 = "Situace na ubytovnách v Doubí";
    static final String MEASURE_A = "Společné kontroly pracovních agentur";
    static final String MEASURE_B = "Informační leták pro ubytované pracovníky";
    static final String MEASURE_C = "Mapa ubytoven v průmyslové zóně";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, DATA_DIR, ADMIN_PASSWORD);
        r.add("souhra.security.secure-cookie", () -> "false");
    }

    @LocalServerPort
    int port;

    ChromeDriver driver;
    WebDriverWait wait;
    String axeSource;
    String oneTimePassword;
    String body;
    String first;
    String second;
    String third;
    String measureA;
    String measureB;
    String measureC;
    String issue;
    final List<String> findings = new ArrayList<>();
    final Set<String> audited = new HashSet<>();

    @BeforeAll
    void start() throws Exception {
        assertThat(new File(WebUiBrowserTest.CHROMEDRIVER).canExecute()).as("Debian's chromedriver").isTrue();
        assertThat(new File(WebUiBrowserTest.CHROMIUM)).as("Debian's chromium").exists();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(WebUiBrowserTest.CHROMEDRIVER))
                .usingAnyFreePort().withLogFile(new File("target/chromedriver-year.log")).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(WebUiBrowserTest.CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=cs-CZ",
                "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(45));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        try (var in = getClass().getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js on the test class path").isNotNull();
            axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    static LocalDate today() {
        return LocalDate.now(PRAGUE);
    }

    // ---- the administrator sets the region up ----

    @Test
    @Order(1)
    void the_administrator_registers_the_institutions_after_a_refusal_that_names_every_empty_field() throws Exception {
        login("admin", ADMIN_PASSWORD);
        open("/admin/institutions");
        axeBothLanguages("institutions (empty)", "/admin/institutions");
        WebElement form = el("#institution-form");
        type(form.findElement(By.id("i-name")), KULK);
        submit(form);
        assertThat(el("#institution-code-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(el("#institution-kind-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(el("#institution-region-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(driver.findElement(By.id("i-name")).getAttribute("value")).isEqualTo(KULK);
        axe("institutions with a refused form");

        register(KULK, "KULK", "REGION_OFFICE");
        assertThat(flash()).isEqualTo("Instituce byla zaregistrována.");
        // the refused form's messages are gone once it succeeds
        assertThat(driver.findElements(By.id("institution-code-error"))).isEmpty();
        register(UPLB, "UPLB", "LABOUR_OFFICE");
        register(MMLB, "MMLB", "MUNICIPALITY");
        register("Spolek, který skončí", "SPOLEK", "NGO");
        // retiring asks first; the reason is kept
        WebElement retire = el("#inst-SPOLEK");
        type(retire.findElement(By.name("reason")), "Ukončení činnosti");
        confirmInDialog("#retire-SPOLEK");
        waitText("#inst-SPOLEK", "vyřazena");
        assertThat(flash()).isEqualTo("Instituce byla vyřazena.");
        assertThat(el("#institutions").getText()).contains("krajský úřad", "úřad práce", "Liberecký kraj");
        screenshots("21-instituce", null);
        axeBothLanguages("institutions", "/admin/institutions");
    }

    @Test
    @Order(2)
    void the_administrator_establishes_the_platform_and_a_working_group_and_admits_their_members_by_name() throws Exception {
        open("/bodies");
        axeBothLanguages("bodies (empty)", "/bodies");
        establish(PLATFORM, "PLATFORM", "3");
        assertThat(flash()).isEqualTo("Orgán byl zřízen.");
        body = driver.getCurrentUrl().replaceAll(".*/bodies/([0-9a-f-]{36}).*", "$1");
        assertThat(el("#rhythm").getText()).contains("3× ročně", "zatím žádné");
        admit(KULK);
        assertThat(flash()).isEqualTo("Instituce byla přijata za člena.");
        // a retired institution is not offered, nor a member
        assertThat(el("#admit-institution").getText()).contains("Úřad práce").doesNotContain("Spolek").doesNotContain("Krajský úřad");
        admit(UPLB);
        admit(MMLB);
        // with every institution that acts a member, there is nobody left to admit
        assertThat(driver.findElements(By.id("admit-form"))).isEmpty();
        assertThat(UUID.matcher(el("main").getText()).find()).as("an id on the body's page").isFalse();
        screenshots("22-platforma", null);
        axeBothLanguages("body (admin)", "/bodies/" + body);

        open("/bodies");
        establish("Pracovní skupina bydlení", "WORKING_GROUP", "4");
        admit(UPLB);
        open("/bodies");
        assertThat(el("#bodies").getText()).contains(PLATFORM, "3× ročně", "Pracovní skupina bydlení", "4× ročně");
        screenshots("23-organy", null);
        axeBothLanguages("bodies", "/bodies");
    }

    @Test
    @Order(3)
    void the_administrator_creates_the_platform_secretary_a_member_and_an_auditor_each_in_one_form() throws Exception {
        open("/admin/users");
        WebElement form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), SECRETARY);
        type(form.findElement(By.id("u-name")), "Jana Nováková");
        type(form.findElement(By.id("u-password")), SECRETARY_PASSWORD);
        new Select(form.findElement(By.id("u-institution"))).selectByVisibleText(KULK);
        form.findElement(By.id("u-role-SECRETARY")).click();
        // the bodies are offered by name
        form.findElements(By.cssSelector("label.check")).stream().filter(l -> l.getText().equals(PLATFORM))
                .findFirst().orElseThrow().findElement(By.tagName("input")).click();
        submit(form);
        waitText("#user-" + SECRETARY + " .secretary-of", PLATFORM);
        assertThat(flash()).isEqualTo("Uživatel byl založen.");

        // a member without an institution is refused beside the field, before anything is recorded
        form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), MEMBER);
        type(form.findElement(By.id("u-name")), "Petr Dvořák");
        type(form.findElement(By.id("u-password")), MEMBER_PASSWORD);
        form.findElement(By.id("u-role-MEMBER")).click();
        submit(form);
        assertThat(el("#create-institution-error").getText()).isEqualTo("Člen jedná za instituci; vyberte ji.");
        axe("users with a refused form");
        type(driver.findElement(By.id("u-password")), MEMBER_PASSWORD);
        new Select(driver.findElement(By.id("u-institution"))).selectByVisibleText(UPLB);
        submit(driver.findElement(By.id("create-user-form")));
        waitText("#user-" + MEMBER + " .roles", "člen");
        assertThat(driver.findElements(By.id("create-institution-error"))).as("the refusal's message after the success").isEmpty();

        form = el("#create-user-form");
        // the auditor's account has no display name (it is optional)
        type(form.findElement(By.id("u-user")), AUDITOR);
        type(form.findElement(By.id("u-password")), AUDITOR_PASSWORD);
        form.findElement(By.id("u-role-AUDITOR")).click();
        submit(form);
        waitText("#user-" + AUDITOR + " .roles", "auditor");

        // a secretary of no body yet, whom the platform's secretary will appoint to a working group
        form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), GROUP_SECRETARY);
        type(form.findElement(By.id("u-name")), "Tomáš Horák");
        type(form.findElement(By.id("u-password")), "skupina-trh-prace-u-nisy-7");
        new Select(form.findElement(By.id("u-institution"))).selectByVisibleText(MMLB);
        form.findElement(By.id("u-role-SECRETARY")).click();
        submit(form);
        waitText("#user-" + GROUP_SECRETARY + " .roles", "tajemník");
        screenshots("24-uzivatele", null);

        // a member of the regional office, who will verify minutes for it
        form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), KRAJ);
        type(form.findElement(By.id("u-name")), "Alena Krajová");
        type(form.findElement(By.id("u-password")), KRAJ_PASSWORD);
        new Select(form.findElement(By.id("u-institution"))).selectByVisibleText(KULK);
        form.findElement(By.id("u-role-MEMBER")).click();
        submit(form);
        waitText("#user-" + KRAJ + " .roles", "člen");

        // a secretaryship granted by body name and taken away again
        WebElement row = el("#user-" + SECRETARY);
        new Select(row.findElement(By.name("role"))).selectByValue("SECRETARY");
        new Select(row.findElement(By.name("bodyId"))).selectByVisibleText("Pracovní skupina bydlení");
        submit(row.findElement(By.cssSelector("form[action$='/roles']")));
        waitText("#user-" + SECRETARY + " .secretary-of", "Pracovní skupina bydlení");
        assertThat(flash()).isEqualTo("Role byla přidělena.");
        row = el("#user-" + SECRETARY);
        new Select(row.findElement(By.name("grant"))).selectByVisibleText("tajemník: Pracovní skupina bydlení");
        submit(row.findElement(By.cssSelector("form[action$='/revoke']")));
        assertThat(flash()).isEqualTo("Role byla odebrána.");
        assertThat(el("#user-" + SECRETARY + " .secretary-of").getText()).contains(PLATFORM).doesNotContain("Pracovní skupina bydlení");

        // disabling asks first; the account can be enabled again
        confirmInDialog("#disable-" + AUDITOR);
        waitText("#user-" + AUDITOR + " .state", "zablokován");
        click("#enable-" + AUDITOR);
        waitText("#user-" + AUDITOR + " .state", "aktivní");
        assertThat(flash()).isEqualTo("Uživatel byl odblokován.");

        // a reset shows the one-time password once
        confirmInDialog("#reset-" + MEMBER);
        oneTimePassword = el("#one-time-password").getText();
        assertThat(oneTimePassword).hasSize(20);
        assertThat(el("#one-time").getText()).contains("Petr Dvořák", "jen teď");
        waitText("#user-" + MEMBER + " .state", "jednorázové heslo");
        screenshots("25-jednorazove-heslo", "#one-time");
        axe("users after a reset");
        open("/admin/users");
        assertThat(driver.findElements(By.id("one-time-password"))).as("the one-time password on a second visit").isEmpty();
        axeBothLanguages("users", "/admin/users");
        axeBothLanguages("administrator's dashboard", "/");
    }

    @Test
    @Order(4)
    void the_one_time_password_opens_only_the_password_change_and_the_new_password_works() throws Exception {
        login(MEMBER, oneTimePassword);
        wait.until(d -> d.getCurrentUrl().endsWith("/account/password"));
        assertThat(el("#one-time-note").getText()).contains("jednorázovým heslem");
        open("/measures");
        wait.until(d -> d.getCurrentUrl().endsWith("/account/password"));
        WebElement form = el("#password-form");
        type(form.findElement(By.id("p-current")), oneTimePassword);
        type(form.findElement(By.id("p-new")), MEMBER_PASSWORD);
        type(form.findElement(By.id("p-repeat")), "jine-heslo-nez-nahore-1");
        submit(form);
        assertThat(el("#password-repeatPassword-error").getText()).isEqualTo("Hesla se neshodují.");
        screenshots("27-zmena-hesla", null);
        axeBothLanguages("own password", "/account/password");
        form = el("#password-form");
        type(form.findElement(By.id("p-current")), oneTimePassword);
        type(form.findElement(By.id("p-new")), MEMBER_PASSWORD);
        type(form.findElement(By.id("p-repeat")), MEMBER_PASSWORD);
        submit(form);
        assertThat(flash()).isEqualTo("Heslo bylo změněno.");
        login(MEMBER, MEMBER_PASSWORD);
        open("/measures");
        waitText("h1", "Naše opatření");
    }

    // ---- the platform's secretary staffs the working groups of her region ----

    @Test
    @Order(5)
    void the_platform_secretary_establishes_a_working_group_appoints_and_removes_its_secretary_and_dissolves_another_group() throws Exception {
        login(SECRETARY, SECRETARY_PASSWORD);
        open("/bodies");
        // only a working group, only in the platform's region
        assertThat(new Select(el("#b-kind")).getOptions()).extracting(WebElement::getText).containsExactly("pracovní skupina");
        assertThat(new Select(el("#b-region")).getOptions()).extracting(WebElement::getText).containsExactly("Liberecký kraj");
        axeBothLanguages("bodies (platform secretary)", "/bodies");
        WebElement form = el("#establish-form");
        type(form.findElement(By.id("b-name")), "Pracovní skupina trh práce");
        type(form.findElement(By.id("b-cadence")), "60");
        submit(form);
        assertThat(el("#establish-meetingsPerYear-error").getText()).isEqualTo("Zadejte celé číslo od 1 do 52.");
        type(driver.findElement(By.id("b-cadence")), "6");
        submit(driver.findElement(By.id("establish-form")));
        waitText("h1", "Pracovní skupina trh práce");
        String group = new java.net.URI(driver.getCurrentUrl()).getPath();
        // the secretary who established it is its secretary and admits its members
        waitText("#secretary-list", "Jana Nováková");
        admit(UPLB);
        // she appoints the group's own secretary from the people of her region, by name
        assertThat(new Select(el("#appoint-user")).getOptions()).extracting(WebElement::getText)
                .contains("Tomáš Horák (horak)", "Petr Dvořák (dvorak)").noneMatch(t -> t.contains(AUDITOR));
        new Select(el("#appoint-user")).selectByValue(GROUP_SECRETARY);
        submit(el("#appoint-form"));
        waitText("#secretary-list", "Tomáš Horák");
        assertThat(flash()).isEqualTo("Tajemník byl jmenován.");
        screenshots("26-skupina-tajemnice", null);
        axeBothLanguages("body (platform secretary)", group);
        // and removes him again, after confirming
        confirmInDialog("#unappoint-" + GROUP_SECRETARY);
        assertThat(flash()).isEqualTo("Tajemník byl odvolán.");
        assertThat(el("#secretary-list").getText()).contains("Jana Nováková").doesNotContain("Tomáš Horák");
        // the platform itself is the administrator's: no appointment there
        open("/bodies/" + body);
        waitText("h1", PLATFORM);
        assertThat(driver.findElements(By.id("appoint-form"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("[id^=unappoint-]"))).isEmpty();

        // a working group the administrator established is dissolved after confirming
        open("/bodies");
        clickLink("a[href^='/bodies/']:not([href$='.ics'])", "Pracovní skupina bydlení");
        waitText("h1", "Pracovní skupina bydlení");
        type(el("#dissolve-reason"), "Sloučena se skupinou trh práce");
        confirmInDialog("#dissolve");
        waitText("#dissolved-note", "Sloučena se skupinou trh práce");
        assertThat(flash()).isEqualTo("Orgán byl zrušen.");
        assertThat(driver.findElements(By.id("admit-form"))).isEmpty();
    }

    private void register(String name, String code, String kind) {
        WebElement form = el("#institution-form");
        type(form.findElement(By.id("i-name")), name);
        type(form.findElement(By.id("i-code")), code);
        new Select(form.findElement(By.id("i-kind"))).selectByValue(kind);
        new Select(form.findElement(By.id("i-region"))).selectByValue("LBK");
        submit(form);
        waitText("#institutions", name);
    }

    private void establish(String name, String kind, String perYear) {
        WebElement form = el("#establish-form");
        type(form.findElement(By.id("b-name")), name);
        new Select(form.findElement(By.id("b-kind"))).selectByValue(kind);
        new Select(form.findElement(By.id("b-region"))).selectByValue("LBK");
        type(form.findElement(By.id("b-cadence")), perYear);
        submit(form);
        waitText("h1", name);
    }

    private void admit(String institution) {
        new Select(el("#admit-institution")).selectByVisibleText(institution);
        submit(el("#admit-form"));
        waitText("#members", institution);
    }

    // ---- the year ----

    @Test
    @Order(10)
    void the_first_meeting_has_no_quorum_and_is_recorded_as_inquorate_without_a_resolution() throws Exception {
        login(SECRETARY, SECRETARY_PASSWORD);
        first = schedule(today().minusDays(120), "KÚ Liberec, zasedací místnost 2");
        addItem(ITEM_1);
        WebElement convene = el("#convene-form");
        new Select(convene.findElement(By.id("status_KULK"))).selectByValue("DELEGATE");
        type(convene.findElement(By.id("delegate_KULK")), "Mgr. Jana Nováková");
        new Select(convene.findElement(By.id("status_UPLB"))).selectByValue("EXCUSED");
        waitText("#quorum", "Není usnášeníschopné: přítomno 1 z 3 členů, potřeba 2");
        submit(el("#convene-form"));
        waitText("#meeting-status", "probíhá");
        assertThat(flash()).isEqualTo("Prezence byla zapsána a jednání zahájeno.");
        assertThat(el("#meeting-inquorate").getText()).isEqualTo("neusnášeníschopné");
        assertThat(el("#quorum-result").getText()).isEqualTo("Neusnášeníschopné: přítomno 1 z 3 členů, potřeba 2. Bez usnesení.");
        assertThat(el("#inquorate-note").getText()).contains("usnesení ani rozhodnutí o opatřeních přijmout nelze");
        assertThat(driver.findElements(By.id("resolution-form"))).as("no resolution at a meeting without quorum").isEmpty();

        WebElement discussion = el("form[id^=discussion-form-]");
        type(discussion.findElement(By.tagName("textarea")), "Krajský úřad informoval o stížnostech obyvatel; bez přijetí usnesení.");
        submit(discussion);
        waitText("ol.agenda", "bez přijetí usnesení");
        WebElement minutes = el("#minutes-form");
        type(minutes.findElement(By.id("minutes-text")), "Jednání nebylo usnášeníschopné (přítomen 1 ze 3 členů).\nBod se přesouvá na příští jednání.");
        submit(minutes);
        waitText("pre.minutes", "nebylo usnášeníschopné");
        screenshot("rok-01-neusnasenischopne-jednani", null);
        axeBothLanguages("inquorate meeting", "/meetings/" + first);

        confirmInDialog("#close-meeting");
        waitText("#meeting-status", "uzavřeno");
        assertThat(el("#meeting-inquorate").getText()).isEqualTo("neusnášeníschopné");
        Map<String, Object> pdf = fetch(el("#minutes-pdf").getAttribute("href"));
        assertThat(pdf.get("status")).isEqualTo(200L);
        assertThat(pdf.get("type")).isEqualTo("application/pdf");

        // the closed record is corrected, not rewritten: the correction stays with its reason
        WebElement correction = el("#correction-form");
        type(correction.findElement(By.id("correction-what")), "prezence");
        type(correction.findElement(By.id("correction-text")), "Statutární město Liberec bylo omluveno, ne nepřítomno.");
        type(correction.findElement(By.id("correction-reason")), "Omluva došla před jednáním.");
        confirmInDialog("#correct");
        waitText("#correction-list", "Statutární město Liberec bylo omluveno");
        assertThat(flash()).isEqualTo("Oprava byla připojena k záznamu.");
        axeBothLanguages("closed meeting with a correction", "/meetings/" + first);
    }

    @Test
    @Order(11)
    void the_second_meeting_is_offered_the_unfinished_item_and_adopts_three_measures() throws Exception {
        login(SECRETARY, SECRETARY_PASSWORD);
        second = schedule(today().minusDays(60), "Magistrát Liberec, sál 3");
        WebElement carry = el("#carry-form");
        assertThat(el("#carry-items").getText()).isEqualTo(ITEM_1);
        screenshot("rok-02-prenos-z-minuleho-jednani", "#carry-form");
        submit(carry);
        waitText("ol.agenda", ITEM_1);
        assertThat(flash()).isEqualTo("Nedokončené body a vybraná opatření byly převzaty.");
        addItem("Nábor agenturních pracovníků v průmyslové zóně Jih");
        convene("KULK", "UPLB", "MMLB");
        assertThat(driver.findElements(By.id("meeting-inquorate"))).isEmpty();

        WebElement discussion = driver.findElements(By.cssSelector("form[id^=discussion-form-]")).get(0);
        type(discussion.findElement(By.tagName("textarea")), "Shoda na společném postupu úřadu práce, kraje a města.");
        discussion.findElement(By.name("concluded")).click();
        submit(discussion);
        waitText("ol.agenda", "Shoda na společném postupu");
        resolution("1/2026", "Platforma ukládá členům opatření ke zlepšení situace na ubytovnách.", ITEM_1);
        adoptMeasure(MEASURE_A, "UPLB", today().plusDays(30));
        adoptMeasure(MEASURE_B, "UPLB", today().plusDays(20));
        adoptMeasure(MEASURE_C, "MMLB", today().plusDays(90));
        for (WebElement a : driver.findElements(By.cssSelector(".resolution .links a"))) {
            String id = a.getAttribute("href").replaceAll(".*/measures/", "");
            switch (a.getText()) {
                case MEASURE_A -> measureA = id;
                case MEASURE_B -> measureB = id;
                default -> measureC = id;
            }
        }
        assertThat(List.of(measureA, measureB, measureC)).allMatch(id -> UUID.matcher(id).matches());
        WebElement minutes = el("#minutes-form");
        type(minutes.findElement(By.id("minutes-text")), "Přijato usnesení 1/2026 se třemi opatřeními.");
        submit(minutes);
        waitText("pre.minutes", "1/2026");
        confirmInDialog("#close-meeting");
        waitText("#meeting-status", "uzavřeno");
        screenshot("rok-03-prijata-opatreni", "#resolutions");
    }

    @Test
    @Order(12)
    void a_member_reports_progress_completes_a_measure_and_raises_an_issue() throws Exception {
        login(MEMBER, MEMBER_PASSWORD);
        open("/measures/" + measureA);
        WebElement form = el("#progress-form");
        type(form.findElement(By.id("percent")), "40");
        type(form.findElement(By.id("note")), "Provedeny první dvě kontroly.");
        submit(form);
        waitText("#m-percent", "40");
        assertThat(flash()).isEqualTo("Zpráva o plnění byla podána.");
        screenshot("rok-04-clen-hlasi-plneni", null);

        open("/measures/" + measureB);
        type(el("#note"), "Leták vytištěn a rozdán na ubytovnách.");
        confirmInDialog("#complete");
        waitText("#m-status", "splněno");
        assertThat(flash()).isEqualTo("Opatření bylo vykázáno jako splněné.");

        open("/issues");
        WebElement raise = el("#raise-form");
        new Select(raise.findElement(By.id("i-category"))).selectByValue("DORMITORY_TENSIONS");
        type(raise.findElement(By.id("i-title")), "Přeplněná ubytovna v Doubí");
        type(raise.findElement(By.id("i-locality")), "Liberec-Doubí");
        submit(raise);
        waitText("#issues", "Přeplněná ubytovna v Doubí");
        click("#issues a");
        waitText("#issue-title", "Přeplněná ubytovna v Doubí");
        issue = driver.getCurrentUrl().replaceAll(".*/issues/([0-9a-f-]{36}).*", "$1");
        WebElement recategorise = el("#recategorise-form");
        new Select(recategorise.findElement(By.id("recategorise-category"))).selectByValue("AGENCY_EMPLOYMENT");
        submit(recategorise);
        assertThat(el("#recategorise-reason-error").getText()).as("a reason is asked for beside its field").isEqualTo("Toto pole je povinné.");
        type(el("#recategorise-reason"), "Ubytovnu provozuje pracovní agentura.");
        submit(el("#recategorise-form"));
        waitText("#issue-category", "agenturní zaměstnávání");
        assertThat(flash()).isEqualTo("Oblast podnětu byla změněna.");
    }

    @Test
    @Order(13)
    void the_third_meeting_carries_the_open_measures_and_extends_verifies_and_reassigns_them_by_its_resolution() throws Exception {
        login(SECRETARY, SECRETARY_PASSWORD);
        third = schedule(today().minusDays(2), "KÚ Liberec, zasedací místnost 2");
        WebElement carry = el("#carry-form");
        assertThat(carry.getText()).contains(MEASURE_A + " (Úřad práce ČR – Liberec)").contains(MEASURE_B).contains(MEASURE_C + " (Statutární město Liberec)");
        submit(carry);
        waitText("#carried-measures", MEASURE_C);
        addItem("Kontrola plnění opatření");
        convene("KULK", "UPLB");
        resolution("2/2026", "Platforma prodlužuje termín kontrol, potvrzuje splnění letáku a předává mapu ubytoven kraji.", "Kontrola plnění opatření");

        // a refused decision keeps its input and names every missing field
        WebElement decide = el("#decision-form");
        new Select(decide.findElement(By.id("decision-measure"))).selectByVisibleText(optionStartingWith("#decision-measure", MEASURE_A));
        new Select(decide.findElement(By.id("decision-kind"))).selectByValue("EXTEND");
        submit(decide);
        assertThat(el("#decision-resolutionId-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(el("#decision-dueDate-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(el("#decision-reason-error").getText()).isEqualTo("Toto pole je povinné.");
        axe("measure decision refused");

        // the refused decision's messages stay on the refused page only; the workspace opened again shows a clean form
        open("/meetings/" + third);
        assertThat(driver.findElements(By.id("decision-reason-error"))).isEmpty();
        decide(MEASURE_A, "EXTEND", form -> {
            setValue(form.findElement(By.id("decision-due")), today().plusDays(120).toString());
            type(form.findElement(By.id("decision-reason")), "Agentury požádaly o odklad kontrol.");
            try {
                screenshot("rok-05-rozhodnuti-o-opatrenich", "#decision-form");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(flash()).isEqualTo("Termín opatření byl prodloužen.");
        assertThat(driver.findElements(By.cssSelector("[id^=decision-][id$=-error]"))).as("messages of the refused decision after a success").isEmpty();
        decide(MEASURE_C, "REASSIGN", form -> {
            new Select(form.findElement(By.id("decision-owner"))).selectByValue("KULK");
            type(form.findElement(By.id("decision-reason")), "Mapu povede krajský úřad.");
        });
        assertThat(flash()).isEqualTo("Opatření má nového gestora.");
        // verifying ends the measure: asked first on a page of its own
        decide(MEASURE_B, "VERIFY", form -> type(form.findElement(By.id("decision-reason")), "Leták ověřen na jednání."));
        waitText("#confirm-page-question", "Potvrdit splnění opatření?");
        axe("confirmation page");
        click("#confirm-page-yes");
        waitText("#flash", "Splnění opatření bylo potvrzeno.");
        assertThat(new Select(el("#decision-measure")).getOptions()).extracting(WebElement::getText).noneMatch(t -> t.startsWith(MEASURE_B));
        axeBothLanguages("meeting with measure decisions", "/meetings/" + third);
        confirmInDialog("#close-meeting");
        waitText("#meeting-status", "uzavřeno");
    }

    @Test
    @Order(14)
    void the_secretary_links_the_issue_to_an_agenda_item_resolves_it_and_trims_reschedules_and_cancels_a_later_meeting() throws Exception {
        login(SECRETARY, SECRETARY_PASSWORD);
        open("/issues/" + issue);
        WebElement link = el("#link-form");
        new Select(link.findElement(By.id("link-item"))).selectByVisibleText(optionEndingWith("#link-item", ITEM_1 + "", second));
        submit(link);
        waitText("#issue-items", ITEM_1);
        assertThat(flash()).isEqualTo("Podnět byl připojen k bodu programu.");
        assertThat(el("#issue-items").getText()).contains("Usnesení č. 1/2026");
        type(el("#resolve-reason"), "Agentura ubytovnu uzavřela.");
        confirmInDialog("#resolve");
        waitText("#issue-status", "vyřešen");
        assertThat(flash()).isEqualTo("Podnět byl označen za vyřešený.");
        screenshot("rok-06-podnet", null);
        axeBothLanguages("issue", "/issues/" + issue);

        String later = schedule(today().plusDays(40), "KÚ Liberec");
        addItem("Různé");
        addItem("Ubytovny v průmyslové zóně");
        WebElement order = el("#order-form");
        List<WebElement> positions = order.findElements(By.cssSelector("input[type=number]"));
        type(positions.get(0), "2");
        type(positions.get(1), "1");
        submit(order);
        waitText("#flash", "Pořadí bodů programu bylo změněno.");
        assertThat(driver.findElements(By.cssSelector("ol.agenda > li strong"))).extracting(WebElement::getText)
                .containsExactly("Ubytovny v průmyslové zóně", "Různé");
        WebElement remove = driver.findElements(By.cssSelector("form[id^=remove-form-]")).get(1);
        assertThat(remove.findElement(By.tagName("h3")).getText()).isEqualTo("Vypustit bod „Různé“");
        type(remove.findElement(By.name("reason")), "Bod se nebude projednávat.");
        String removeId = remove.getAttribute("id");
        confirmInDialog("#" + removeId + " button");
        waitText("#flash", "Bod byl vypuštěn z programu.");
        assertThat(el("ol.agenda").getText()).doesNotContain("Různé").contains("Ubytovny v průmyslové zóně");
        WebElement reschedule = el("#reschedule-form");
        setValue(reschedule.findElement(By.id("reschedule-startsAt")), today().plusDays(47) + "T10:00");
        submit(reschedule);
        assertThat(el("#reschedule-reason-error").getText()).isEqualTo("Toto pole je povinné.");
        type(el("#reschedule-reason"), "Kolize s jednáním rady kraje.");
        submit(el("#reschedule-form"));
        waitText("#flash", "Jednání bylo přesunuto.");
        assertThat(el("h1").getText()).contains(String.valueOf(today().plusDays(47).getYear()));
        axeBothLanguages("scheduled meeting with its forms", "/meetings/" + later);
        type(el("#cancel-reason"), "Program se přesouvá na podzim.");
        confirmInDialog("#cancel-meeting");
        waitText("#meeting-status", "zrušeno");
        assertThat(el("#meeting-cancelled").getText()).isEqualTo("Jednání bylo zrušeno: Program se přesouvá na podzim.");
    }

    @Test
    @Order(15)
    void an_auditor_reads_the_history_the_lineage_and_the_record_as_of_a_date_and_verifies_the_ledger() throws Exception {
        login(AUDITOR, AUDITOR_PASSWORD);
        open("/measures/" + measureA);
        waitText("#history", "zpráva o plnění");
        String history = el("#history").getText();
        assertThat(history).contains("opatření přijato").contains("Petr Dvořák (Úřad práce ČR – Liberec)").contains("Jana Nováková");
        assertThat(el("#m-percent").getText()).isEqualTo("40 %");
        assertThat(UUID.matcher(history).find()).as("no id in the history").isFalse();
        screenshot("rok-07-historie-opatreni", "#history");

        click("#lineage-link");
        waitText("ol.lineage", "1/2026");
        assertThat(el("ol.lineage").getText()).contains(ITEM_1).contains(MEASURE_A);
        screenshot("rok-08-navaznost", null);

        // as of the day of the first meeting, the measure did not exist yet: the page says so in the layout
        open("/measures/" + measureA);
        setValue(el("#asOf"), today().minusDays(119).toString());
        click("#show-asof");
        waitText("#error-message", "V té době záznam ještě neexistoval.");
        assertThat(driver.findElements(By.cssSelector("nav"))).isNotEmpty();
        screenshot("rok-09-k-datu-neexistoval", null);
        axe("record not yet existing at the date");
        click("#error-current");
        waitText("#m-percent", "40");

        open("/issues/" + issue);
        waitText("#history", "podnět vyřešen");
        assertThat(driver.findElements(By.id("resolve-form"))).as("an auditor reads, and changes nothing").isEmpty();

        open("/audit/verify");
        el("#verify-start").click();
        assertThat(el("#verify-ok").getText()).startsWith("Kniha záznamů je neporušená");
        screenshot("rok-10-overeni-knihy", null);
    }

    // ---- the guides, from the footer of every page ----

    @Test
    @Order(20)
    void the_footer_opens_the_guide_of_the_users_role_first_and_every_guide_shows_its_screenshots_in_both_languages() throws Exception {
        login(AUDITOR, AUDITOR_PASSWORD);
        open("/audit");
        // an account without a display name is named in the header by its role, not by its login name
        assertThat(el("header .who").getText()).isEqualTo("Auditor");
        assertThat(el("#guides").findElements(By.tagName("a"))).extracting(WebElement::getText)
                .containsExactly("auditor", "tajemník", "členská instituce", "správce");
        click("#guides a");
        wait.until(d -> d.getCurrentUrl().endsWith("/guide/auditor"));
        waitText("h1", "Průvodce auditora");
        assertThat(el("#guide").getText()).contains("Ověření knihy záznamů");
        assertImagesLoaded("auditor");
        axeBothLanguages("guide", "/guide/auditor");

        login(SECRETARY, SECRETARY_PASSWORD);
        assertThat(el("#guides a").getText()).isEqualTo("tajemník");
        for (String guide : List.of("secretary", "member", "administrator", "auditor")) {
            for (String lang : List.of("cs", "en")) {
                open("/guide/" + guide + "?lang=" + lang);
                el("#guide h1");
                assertImagesLoaded(guide + " (" + lang + ")");
            }
        }
        // without logging in too, as the accessibility statement
        driver.manage().deleteAllCookies();
        open("/login");
        click("#guide-member");
        waitText("h1", "Průvodce členské instituce");
        assertImagesLoaded("member, not logged in");
    }

    /** Every image of the guide is loaded: served by the application, a picture (natural width), with its alternative text. */
    void assertImagesLoaded(String guide) {
        List<WebElement> images = driver.findElements(By.cssSelector("#guide img"));
        assertThat(images).as("screenshots in the guide " + guide).isNotEmpty();
        for (WebElement img : images) {
            wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return arguments[0].complete;", img)));
            Object width = ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth;", img);
            assertThat(((Number) width).intValue()).as(img.getAttribute("src") + " in the guide " + guide).isGreaterThan(0);
            assertThat(img.getAttribute("src")).contains("/guide/screenshots/");
            assertThat(img.getAttribute("alt")).isNotBlank();
        }
    }

    @Test
    @Order(99)
    void every_page_visited_has_no_accessibility_violation_and_no_sideways_scroll_in_both_languages_at_both_widths() {
        assertThat(findings).as("axe-core violations and sideways spill:\n" + String.join("\n\n", findings)).isEmpty();
        assertThat(audited).as("pages checked").hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    @Order(16)
    void the_minutes_of_the_second_meeting_go_through_an_objection_a_correction_and_two_confirmations_and_the_final_pdf_is_downloaded()
            throws Exception {
        String corrected = "Přijato usnesení 1/2026 se třemi opatřeními; leták připraví úřad práce do 20 dnů.";
        login(SECRETARY, SECRETARY_PASSWORD);
        open("/meetings/" + second);
        WebElement start = el("#verifiers-form");
        start.findElement(By.id("verifier-KULK")).click();
        start.findElement(By.id("verifier-UPLB")).click();
        confirmInDialog("#start-verification");
        waitText("#minutes-approval-status", "je u ověřovatelů");
        assertThat(flash()).isEqualTo("Zápis byl předán ověřovatelům.");
        assertThat(el("#verifiers").getText()).contains("Krajský úřad Libereckého kraje").contains("dosud se nevyjádřil");
        Map<String, Object> draftPdf = fetch(el("#minutes-pdf").getAttribute("href"));
        assertThat(draftPdf.get("status")).isEqualTo(200L);
        axeBothLanguages("minutes with the verifiers (secretary)", "/meetings/" + second);

        // the member institution's account finds the minutes on its dashboard and objects
        login(MEMBER, MEMBER_PASSWORD);
        waitText("#minutes-to-verify", "Regionální platforma Libereckého kraje");
        axeBothLanguages("dashboard with minutes to verify", "/");
        open("/");
        navigatingClick("#minutes-to-verify a", "the minutes to verify");
        type(el("#objection-text"), "Chybí termín letáku: úřad práce jej připraví do 20 dnů.");
        confirmInDialog("#object-minutes");
        waitText("#objection-list", "Chybí termín letáku");
        assertThat(flash()).isEqualTo("Námitka byla zaznamenána.");
        axeBothLanguages("minutes to verify (verifier)", "/meetings/" + second);

        // the secretary answers it with a corrected draft
        login(SECRETARY, SECRETARY_PASSWORD);
        open("/meetings/" + second);
        type(el("#draft-text"), corrected);
        type(el("#draft-note"), "Doplněn termín podle námitky");
        confirmInDialog("#correct-draft");
        waitText("#minutes-current", "do 20 dnů");
        assertThat(flash()).isEqualTo("Opravený návrh byl předán ověřovatelům.");
        assertThat(el("#objection-list").getText()).contains("vyřízena opravou, návrh č. 2");

        // both verifiers confirm draft 2
        login(MEMBER, MEMBER_PASSWORD);
        open("/meetings/" + second);
        confirmInDialog("#confirm-minutes");
        waitText("#verifiers", "potvrdil");
        assertThat(flash()).isEqualTo("Zápis byl potvrzen.");
        login(KRAJ, KRAJ_PASSWORD);
        open("/");
        navigatingClick("#minutes-to-verify a", "the minutes to verify");
        confirmInDialog("#confirm-minutes");
        waitText("#minutes-approval-status", "ověřený a konečný");
        assertThat(flash()).isEqualTo("Zápis byl potvrzen.");
        assertThat(driver.findElements(By.id("confirm-minutes-form"))).as("nothing left to confirm").isEmpty();
        screenshot("rok-11-overeny-zapis", "#minutes-approval");
        axeBothLanguages("final minutes", "/meetings/" + second);

        // the final minutes, downloaded with the page's own link
        open("/meetings/" + second);
        byte[] pdf = download(el("#minutes-pdf").getAttribute("href"));
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Ověřený zápis").contains(corrected).contains("Krajský úřad Libereckého kraje potvrdil")
                .contains("Úřad práce ČR – Liberec potvrdil").contains("Námitka č. 1 k návrhu č. 1").doesNotContain("NÁVRH ZÁPISU");
        org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider.initialise();
        try (var parser = org.verapdf.pdfa.Foundries.defaultInstance().createParser(new java.io.ByteArrayInputStream(pdf));
             var validator = org.verapdf.pdfa.Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            assertThat(validator.validate(parser).isCompliant()).as("PDF/A-3a").isTrue();
        }
        assertThat(findings).as("axe-core violations and sideways spill").isEmpty();
    }

    // ---- steps ----

    String schedule(LocalDate day, String place) {
        open("/bodies/" + body);
        WebElement form = el("#schedule-form");
        setValue(form.findElement(By.id("startsAt")), day + "T09:00");
        type(form.findElement(By.id("place")), place);
        submit(form);
        wait.until(d -> d.getCurrentUrl().matches(".*/meetings/[0-9a-f-]{36}.*"));
        waitText("#flash", "Jednání bylo naplánováno.");
        return driver.getCurrentUrl().replaceAll(".*/meetings/([0-9a-f-]{36}).*", "$1");
    }

    void addItem(String title) {
        WebElement item = el("#agenda-form");
        type(item.findElement(By.id("item-title")), title);
        submit(item);
        waitText("ol.agenda", title);
    }

    void convene(String... present) {
        WebElement convene = el("#convene-form");
        for (String code : present) {
            new Select(convene.findElement(By.id("status_" + code))).selectByValue("DELEGATE");
        }
        submit(convene);
        waitText("#meeting-status", "probíhá");
    }

    void resolution(String number, String text, String item) {
        WebElement form = el("#resolution-form");
        new Select(form.findElement(By.id("res-item"))).selectByVisibleText(item);
        type(form.findElement(By.id("res-number")), number);
        type(form.findElement(By.id("res-text")), text);
        submit(form);
        waitText("#flash", "Usnesení bylo přijato.");
    }

    void adoptMeasure(String title, String owner, LocalDate due) {
        WebElement form = el("form.measure-form");
        type(form.findElement(By.name("title")), title);
        new Select(form.findElement(By.name("owner"))).selectByValue(owner);
        setValue(form.findElement(By.name("dueDate")), due.toString());
        submit(form);
        waitText(".resolution .links", title);
    }

    void decide(String measure, String decision, java.util.function.Consumer<WebElement> fill) {
        WebElement form = el("#decision-form");
        new Select(form.findElement(By.id("decision-measure"))).selectByVisibleText(optionStartingWith("#decision-measure", measure));
        new Select(form.findElement(By.id("decision-kind"))).selectByValue(decision);
        new Select(form.findElement(By.id("decision-resolution"))).selectByIndex(1);
        fill.accept(form);
        submit(form);
    }

    String optionStartingWith(String select, String start) {
        return new Select(el(select)).getOptions().stream().map(WebElement::getText).filter(t -> t.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no option starting with " + start + " in " + select));
    }

    /** The link picker's option for an item of the meeting {@code meeting} (its label has the body, the day and the item). */
    String optionEndingWith(String select, String end, String meeting) {
        return new Select(el(select)).getOptions().stream().filter(o -> o.getAttribute("value").startsWith(meeting + "/"))
                .map(WebElement::getText).filter(t -> t.endsWith(end)).findFirst()
                .orElseThrow(() -> new AssertionError("no option for " + end + " in " + select));
    }

    // ---- browser helpers ----

    void open(String path) {
        driver.get("http://localhost:" + port + path);
    }

    void login(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        el("#username").sendKeys(user);
        el("#password").sendKeys(password);
        click("#login");
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    void setValue(WebElement input, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, value);
    }

    /** Sends the form and waits for the page that replaces it (the next one, or the same one with the form refused). */
    void submit(WebElement form) {
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.stalenessOf(form));
        loaded();
    }

    /** Clicks what leads to another page and waits for it. */
    void click(String css) {
        WebElement target = el(css);
        target.click();
        wait.until(ExpectedConditions.stalenessOf(target));
        loaded();
    }

    /** Clicks the link of {@code css} whose text is {@code text} and waits for its page. */
    void clickLink(String css, String text) {
        WebElement target = driver.findElements(By.cssSelector(css)).stream().filter(a -> a.getText().equals(text)).findFirst().orElseThrow();
        target.click();
        wait.until(ExpectedConditions.stalenessOf(target));
        loaded();
    }

    void loaded() {
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    void navigatingClick(String css, String what) {
        el(css).click();
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    void waitText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    String flash() {
        return el("#flash").getText();
    }

    void confirmInDialog(String button) {
        WebElement b = el(button);
        b.click();
        WebElement dialog = el("#confirm-dialog[open]");
        dialog.findElement(By.id("confirm-yes")).click();
        wait.until(ExpectedConditions.stalenessOf(b));
        loaded();
    }

    @SuppressWarnings("unchecked")
    /** The file behind a link of the page, fetched by the browser with the user's session (no API client). */
    byte[] download(String href) {
        Object b64 = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.arrayBuffer(); }).then(function (buf) {"
                + "  var bytes = new Uint8Array(buf), s = ''; for (var i = 0; i < bytes.length; i += 8192) {"
                + "    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192)); } done(btoa(s)); })"
                + ".catch(function (e) { done(''); });", href);
        byte[] bytes = java.util.Base64.getDecoder().decode(String.valueOf(b64));
        assertThat(bytes).as("the file behind " + href).isNotEmpty();
        return bytes;
    }

    Map<String, Object> fetch(String path) {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text().then(function (t) {"
                + "  done({status: r.status, type: r.headers.get('content-type') || '', start: t.substring(0, 200)}); }); })"
                + ".catch(function (e) { done({status: -1, type: '', start: String(e)}); });", path);
    }

    /** axe-core on the page as it is, at both widths; violations and sideways spill go to {@link #findings}. */
    void axe(String page) {
        Accessibility.check(driver, axeSource, page, findings);
    }

    void axeBothLanguages(String page, String path) {
        if (!audited.add(page)) {
            return;
        }
        for (String lang : List.of("en", "cs")) {
            open(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
            el("main");
            axe(page);
        }
    }

    /** The page at the laptop and the phone width. */
    void screenshots(String name, String focus) throws java.io.IOException {
        screenshot(name, focus);
        driver.manage().window().setSize(PHONE);
        try {
            screenshot(name + "-390", focus);
        } finally {
            driver.manage().window().setSize(LAPTOP);
        }
    }

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
}
