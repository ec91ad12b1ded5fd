package cz.souhra.infra.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

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
 * An administrator sets a region up through the UI alone, starting from an empty store: two institutions, the
 * regional platform with its members, a working group, users with roles and secretaryships in one form, a
 * disabled account enabled again and a password reset whose one-time password is shown once and opens only the
 * password change. The platform's secretary then establishes and dissolves a working group of their region.
 * Every page is checked with axe-core in Czech and English at 1366 and 390 px; screenshots of the Czech pages go
 * to docs/screenshots (the administrator's guide shows them).
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminSetupBrowserTest {

    static final String ADMIN_PASSWORD = "spravce-kraje-pod-jestedem-3";
    static final String SECRETARY_PASSWORD = "tajemnice-platformy-u-nisy-5";
    static final String MEMBER_PASSWORD = "clen-uradu-prace-u-lipy-8";
    static final Path DATA_DIR = TestApplication.newDataDir("souhra-ui-admin");
    static final Dimension LAPTOP = new Dimension(1366, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

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
    final List<String> findings = new java.util.ArrayList<>();
    final java.util.Set<String> audited = new java.util.HashSet<>();

    @BeforeAll
    void start() throws Exception {
        assertThat(new File(WebUiBrowserTest.CHROMEDRIVER).canExecute()).as("Debian's chromedriver").isTrue();
        assertThat(new File(WebUiBrowserTest.CHROMIUM)).as("Debian's chromium").exists();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(WebUiBrowserTest.CHROMEDRIVER))
                .usingAnyFreePort().withLogFile(new File("target/chromedriver-admin.log")).build();
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

    // ---- the administrator ----

    @Test
    @Order(1)
    void the_administrator_registers_two_institutions_after_a_refusal_that_names_every_empty_field() throws Exception {
        login("admin", ADMIN_PASSWORD);
        open("/admin/institutions");
        axeBothLanguages("institutions (empty)", "/admin/institutions");
        WebElement form = el("#institution-form");
        type(form.findElement(By.id("i-name")), "Krajský úřad Libereckého kraje");
        submit(form);
        assertThat(el("#institution-code-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(el("#institution-kind-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(el("#institution-region-error").getText()).isEqualTo("Toto pole je povinné.");
        assertThat(driver.findElement(By.id("i-name")).getAttribute("value")).isEqualTo("Krajský úřad Libereckého kraje");
        axe("institutions with a refused form");

        register("Krajský úřad Libereckého kraje", "KULK", "REGION_OFFICE");
        assertThat(flash()).isEqualTo("Instituce byla zaregistrována.");
        register("Úřad práce ČR – krajská pobočka v Liberci", "UPLB", "LABOUR_OFFICE");
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

    private void register(String name, String code, String kind) {
        WebElement form = el("#institution-form");
        type(form.findElement(By.id("i-name")), name);
        type(form.findElement(By.id("i-code")), code);
        new Select(form.findElement(By.id("i-kind"))).selectByValue(kind);
        new Select(form.findElement(By.id("i-region"))).selectByValue("LBK");
        submit(form);
        waitText("#institutions", name);
    }

    @Test
    @Order(2)
    void the_administrator_establishes_the_platform_and_a_working_group_and_admits_their_members_by_name() throws Exception {
        open("/bodies");
        axeBothLanguages("bodies (empty)", "/bodies");
        establish("Regionální platforma Libereckého kraje", "PLATFORM", "3");
        assertThat(flash()).isEqualTo("Orgán byl zřízen.");
        assertThat(el("#rhythm").getText()).contains("3× ročně", "zatím žádné");
        admit("Krajský úřad Libereckého kraje");
        assertThat(flash()).isEqualTo("Instituce byla přijata za člena.");
        // a retired institution is not offered, nor a member
        assertThat(el("#admit-institution").getText()).contains("Úřad práce").doesNotContain("Spolek").doesNotContain("Krajský úřad");
        admit("Úřad práce ČR – krajská pobočka v Liberci");
        // with every institution that acts a member, there is nobody left to admit
        assertThat(driver.findElements(By.id("admit-form"))).isEmpty();
        assertThat(UUID.matcher(el("main").getText()).find()).as("an id on the body's page").isFalse();
        screenshots("22-platforma", null);
        axeBothLanguages("body (admin)", new java.net.URI(driver.getCurrentUrl()).getPath());

        open("/bodies");
        establish("Pracovní skupina bydlení", "WORKING_GROUP", "4");
        admit("Úřad práce ČR – krajská pobočka v Liberci");
        open("/bodies");
        assertThat(el("#bodies").getText()).contains("Regionální platforma Libereckého kraje", "3× ročně", "Pracovní skupina bydlení", "4× ročně");
        screenshots("23-organy", null);
        axeBothLanguages("bodies", "/bodies");
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

    @Test
    @Order(3)
    void the_administrator_creates_a_platform_secretary_a_member_and_an_auditor_each_in_one_form() throws Exception {
        open("/admin/users");
        WebElement form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), "svobodova");
        type(form.findElement(By.id("u-name")), "Petra Svobodová");
        type(form.findElement(By.id("u-password")), SECRETARY_PASSWORD);
        new Select(form.findElement(By.id("u-institution"))).selectByVisibleText("Krajský úřad Libereckého kraje");
        form.findElement(By.id("u-role-SECRETARY")).click();
        // the bodies are offered by name
        form.findElements(By.cssSelector("label.check")).stream().filter(l -> l.getText().equals("Regionální platforma Libereckého kraje"))
                .findFirst().orElseThrow().findElement(By.tagName("input")).click();
        submit(form);
        waitText("#user-svobodova .secretary-of", "Regionální platforma Libereckého kraje");
        assertThat(flash()).isEqualTo("Uživatel byl založen.");

        // a member without an institution is refused beside the field, before anything is recorded
        form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), "dvorak");
        type(form.findElement(By.id("u-name")), "Petr Dvořák");
        type(form.findElement(By.id("u-password")), MEMBER_PASSWORD);
        form.findElement(By.id("u-role-MEMBER")).click();
        submit(form);
        assertThat(el("#create-institution-error").getText()).isEqualTo("Člen jedná za instituci; vyberte ji.");
        axe("users with a refused form");
        type(driver.findElement(By.id("u-password")), MEMBER_PASSWORD);
        new Select(driver.findElement(By.id("u-institution"))).selectByVisibleText("Úřad práce ČR – krajská pobočka v Liberci");
        submit(driver.findElement(By.id("create-user-form")));
        waitText("#user-dvorak .roles", "člen");

        form = el("#create-user-form");
        type(form.findElement(By.id("u-user")), "kontrola");
        type(form.findElement(By.id("u-name")), "Kontrolní odbor");
        type(form.findElement(By.id("u-password")), "kontrola-zapisu-u-smrku-9");
        form.findElement(By.id("u-role-AUDITOR")).click();
        submit(form);
        waitText("#user-kontrola .roles", "auditor");
        screenshots("24-uzivatele", null);

        // a secretaryship granted by body name and taken away again
        WebElement row = el("#user-svobodova");
        new Select(row.findElement(By.name("role"))).selectByValue("SECRETARY");
        new Select(row.findElement(By.name("bodyId"))).selectByVisibleText("Pracovní skupina bydlení");
        submit(row.findElement(By.cssSelector("form[action$='/roles']")));
        waitText("#user-svobodova .secretary-of", "Pracovní skupina bydlení");
        assertThat(flash()).isEqualTo("Role byla přidělena.");
        row = el("#user-svobodova");
        new Select(row.findElement(By.name("grant"))).selectByVisibleText("tajemník: Pracovní skupina bydlení");
        submit(row.findElement(By.cssSelector("form[action$='/revoke']")));
        assertThat(flash()).isEqualTo("Role byla odebrána.");
        assertThat(el("#user-svobodova .secretary-of").getText()).contains("Regionální platforma Libereckého kraje").doesNotContain("Pracovní skupina bydlení");

        // disabling asks first; the account can be enabled again
        confirmInDialog("#disable-kontrola");
        waitText("#user-kontrola .state", "zablokován");
        navigatingClick("#enable-kontrola");
        waitText("#user-kontrola .state", "aktivní");
        assertThat(flash()).isEqualTo("Uživatel byl odblokován.");

        // a reset shows the one-time password once
        confirmInDialog("#reset-dvorak");
        oneTimePassword = el("#one-time-password").getText();
        assertThat(oneTimePassword).hasSize(20);
        assertThat(el("#one-time").getText()).contains("Petr Dvořák", "jen teď");
        waitText("#user-dvorak .state", "jednorázové heslo");
        screenshots("25-jednorazove-heslo", "#one-time");
        axe("users after a reset");
        open("/admin/users");
        assertThat(driver.findElements(By.id("one-time-password"))).as("the one-time password on a second visit").isEmpty();
        axeBothLanguages("users", "/admin/users");
        axeBothLanguages("administrator's dashboard", "/");
    }

    // ---- the platform's secretary ----

    @Test
    @Order(4)
    void the_platform_secretary_establishes_a_working_group_of_their_region_admits_a_member_and_dissolves_another_group() throws Exception {
        login("svobodova", SECRETARY_PASSWORD);
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
        // the secretary who established it is its secretary and admits its members
        waitText("#secretary-list", "Petra Svobodová");
        admit("Úřad práce ČR – krajská pobočka v Liberci");
        screenshots("26-skupina-tajemnice", null);
        axeBothLanguages("body (platform secretary)", new java.net.URI(driver.getCurrentUrl()).getPath());

        // a working group the administrator established is dissolved after confirming
        open("/bodies");
        navigatingClick("a[href^='/bodies/']:not([href$='.ics'])", "Pracovní skupina bydlení");
        waitText("h1", "Pracovní skupina bydlení");
        type(el("#dissolve-reason"), "Sloučena se skupinou trh práce");
        confirmInDialog("#dissolve");
        waitText("#dissolved-note", "Sloučena se skupinou trh práce");
        assertThat(flash()).isEqualTo("Orgán byl zrušen.");
        assertThat(driver.findElements(By.id("admit-form"))).isEmpty();
    }

    // ---- the member with the one-time password ----

    @Test
    @Order(5)
    void the_one_time_password_opens_only_the_password_change_and_the_new_password_works() throws Exception {
        login("dvorak", oneTimePassword);
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
        login("dvorak", MEMBER_PASSWORD);
        open("/measures");
        waitText("h1", "Naše opatření");
    }

    @Test
    @Order(99)
    void every_page_visited_has_no_accessibility_violation_and_no_sideways_scroll_in_both_languages_at_both_widths() {
        assertThat(findings).as("axe-core violations and sideways spill:\n" + String.join("\n\n", findings)).isEmpty();
        assertThat(audited).as("pages checked").hasSizeGreaterThanOrEqualTo(9);
    }

    // ---- browser helpers (as in WebUiBrowserTest) ----

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void open(String path) {
        driver.get(url(path));
    }

    void login(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        el("#username").sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        navigatingClick("#login");
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    void submit(WebElement form) {
        form.findElement(By.cssSelector("button[type=submit]")).click();
        // the page is replaced: wait until the old form is gone from it
        wait.until(ExpectedConditions.stalenessOf(form));
    }

    void navigatingClick(String css) {
        navigatingClick(css, css);
    }

    void navigatingClick(String css, String linkText) {
        WebElement target = css.startsWith("a[") ? driver.findElements(By.cssSelector(css)).stream()
                .filter(a -> a.getText().equals(linkText)).findFirst().orElseThrow() : driver.findElement(By.cssSelector(css));
        target.click();
        wait.until(ExpectedConditions.stalenessOf(target));
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
    }

    void axe(String page) {
        Accessibility.check(driver, axeSource, page, findings);
    }

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
