package cz.souhra.infra.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import cz.souhra.infra.reliability.Seed;
import cz.souhra.query.attachment.AttachmentProjection;
import cz.souhra.infra.reliability.SouhraHttp;
import cz.souhra.infra.reliability.SouhraHttp.Credentials;

/**
 * In the browser: the secretary attaches a PDF to a meeting with a progress bar, sees it listed with its type
 * and size and a preview link, and the PDF preview opens inline; a renamed program is refused with the
 * server's Czech message; the owner attaches to a measure. Both pages are axe-core clean in both languages
 * at 1366 and 390 px. The first upload is made while the attachments projection is held back (its processor
 * stopped, started again two seconds after the 201), as on a busy machine where the read model folds the
 * event after the browser reloads the panel: the list must still show the file without a page reload. Then the
 * acceptance walk: the PDF is found from the header's search box by a word inside it, its hit leads to the meeting,
 * the download is the uploaded file byte for byte, and the minutes PDF carries it embedded.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentBrowserTest {

    static final Credentials ADMIN = new Credentials("admin", "admin-heslo-pro-prilohy-1");
    static final Path DATA_DIR = TestApplication.newDataDir("souhra-attach-ui");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, DATA_DIR, ADMIN.password());
        r.add("souhra.security.secure-cookie", () -> "false");
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    ChromeDriver driver;
    WebDriverWait wait;
    String axeSource;
    Seed.Region region;
    final List<String> findings = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assertThat(new File("/usr/bin/chromedriver").canExecute()).as("Debian's chromedriver").isTrue();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=cs-CZ");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(45));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        try (var in = getClass().getResourceAsStream("/axe.min.js")) {
            axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        region = Seed.region(new SouhraHttp(port), ADMIN, 1);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void the_secretary_uploads_with_progress_sees_the_list_and_previews_and_a_renamed_program_is_refused_and_the_pages_are_accessible() throws Exception {
        login(Seed.SECRETARY);
        driver.get(url("/meetings/" + region.meeting()));
        WebElement file = fileInput();
        assertThat(el("#attachments-empty").getText()).isEqualTo("Zatím žádné přílohy.");
        Path pdf = Files.createTempFile("Program jednání", ".pdf");
        byte[] pdfBytes = Files4Tests.pdf("Kontrola zjistila požární závady v sedmi ubytovnách v Ruprechticích.", 200_000);
        Files.write(pdf, pdfBytes);
        file.sendKeys(pdf.toString());
        org.axonframework.eventhandling.EventProcessor projection = processing.eventProcessor(AttachmentProjection.GROUP).orElseThrow();
        projection.shutDown();
        try {
            upload();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".attachment-status"), "Příloha byla nahrána"));
            Thread.sleep(2_000);
        } finally {
            projection.start();
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".attachment-list"), pdf.getFileName().toString()));
        String item = el(".attachment-list li").getText();
        assertThat(item).contains("PDF").contains("dokument PDF").contains("kB");
        String preview = el(".attachment-list li a[target=_blank]").getAttribute("href");
        assertThat(preview).contains("inline=true");
        assertThat(fetchType(preview)).startsWith("application/pdf");
        axe("meeting with an attachment");

        // the acceptance walk: find the file by a word inside it (another form, no diacritics), open its meeting,
        // download it, and find it embedded in the minutes PDF
        String download = el(".attachment-list li a[download]").getAttribute("href");
        driver.findElement(By.id("header-q")).sendKeys("ruprechtice ubytovna");
        driver.findElement(By.cssSelector("#header-search button[type=submit]")).click();
        By hit = By.xpath("//ol[@id='search-results']/li[span[@class='kind' and text()='Příloha']]/a[@class='hit-title' and text()='"
                + pdf.getFileName() + "']");
        wait.until(d -> {
            if (!d.findElements(hit).isEmpty()) {
                return true;
            }
            d.navigate().refresh(); // the index folds the upload and reads its text a moment after the 201
            return false;
        });
        assertThat(el("#search-results li .snippet").getText()).contains("ubytovnách").contains("Ruprechticích");
        axe("search results with an attachment");
        driver.findElement(hit).click();
        wait.until(ExpectedConditions.urlContains("/meetings/" + region.meeting()));
        assertThat(sha256(fetchBytes(download))).isEqualTo(sha256(pdfBytes));
        try (org.apache.pdfbox.pdmodel.PDDocument minutes = org.apache.pdfbox.Loader.loadPDF(fetchBytes(url("/meetings/" + region.meeting() + "/minutes.pdf")))) {
            assertThat(minutes.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).containsKey(pdf.getFileName().toString());
        }
        fileInput();

        Path exe = Files.createTempFile("zapis", ".pdf");
        Files.write(exe, Files4Tests.exe());
        fileInput().sendKeys(exe.toString());
        upload();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".attachment-status"), "Příloha nebyla nahrána."));
        assertThat(el(".attachment-status").getText()).contains("podle obsahu typu application/x-msdownload");
        axe("meeting with a refused upload");
        axeInEnglish("/meetings/" + region.meeting());

        login(Seed.OWNER);
        driver.get(url("/measures/" + region.measures().get(0)));
        Path png = Files.createTempFile("Foto ubytovny", ".png");
        Files.write(png, java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        fileInput().sendKeys(png.toString());
        upload();
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".attachment-list"), png.getFileName().toString()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no list; at " + driver.getCurrentUrl() + ", status: "
                    + driver.findElements(By.cssSelector(".attachment-status")).stream().map(WebElement::getText).toList()
                    + ", page: " + driver.findElement(By.tagName("body")).getText(), e);
        }
        assertThat(el(".attachment-list li").getText()).contains("IMG").contains("obrázek");
        axe("measure with an attachment");
        axeInEnglish("/measures/" + region.measures().get(0));

        assertThat(findings).as(String.join("\n", findings)).isEmpty();
    }

    /**
     * Sends the chosen file once the panel has settled: its script is listening and htmx is not swapping it
     * (a click during a swap would land on a form that is being replaced).
     */
    private void upload() {
        assertThat(driver.findElement(By.id("attachment-file")).getAttribute("value")).as("the chosen file is still in the form").isNotEmpty();
        driver.findElement(By.cssSelector(".attachment-upload button[type=submit]")).click();
    }

    /** The panel's form, once its script listens and htmx has finished loading the panel. */
    private WebElement fileInput() {
        wait.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return window.souhraAttachments === true && !!window.htmx && !!document.getElementById('attachment-file')"
                        + " && !document.querySelector('.attachments.htmx-request, .attachments.htmx-settling, .attachments.htmx-swapping')")));
        return driver.findElement(By.id("attachment-file"));
    }

    private void login(Credentials who) {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(who.user());
        driver.findElement(By.id("password")).sendKeys(who.password());
        driver.findElement(By.id("login")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private void axeInEnglish(String path) {
        driver.get(url(path + "?lang=en"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("attachments-title"), "Attachments"));
        el(".attachment-list");
        axe(path + " in English");
        driver.get(url(path + "?lang=cs"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private String fetchType(String href) {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { done(r.status + ' ' + (r.headers.get('content-type') || '')); })"
                + ".catch(function (e) { done(String(e)); });", href).toString().replaceFirst("^200 ", "");
    }

    private byte[] fetchBytes(String href) {
        String base64 = (String) ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.arrayBuffer(); }).then(function (b) {"
                + " var s = ''; var a = new Uint8Array(b); for (var i = 0; i < a.length; i++) { s += String.fromCharCode(a[i]); } done(btoa(s)); })"
                + ".catch(function (e) { done(''); });", href);
        return java.util.Base64.getDecoder().decode(base64);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void axe(String page) {
        cz.souhra.infra.ui.Accessibility.check(driver, axeSource, page, findings);
    }
}
