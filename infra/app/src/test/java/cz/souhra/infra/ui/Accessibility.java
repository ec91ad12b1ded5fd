package cz.souhra.infra.ui;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * What every browser test checks on the pages it visits: axe-core (WCAG 2.1 AA) and no sideways spill, at the
 * laptop and the phone width. Findings are collected, so one run names every page in trouble.
 */
public final class Accessibility {

    public static final Dimension LAPTOP = new Dimension(1366, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private Accessibility() {
    }

    /** Checks the page as it is at both widths, adds what it finds to {@code findings}, and leaves the laptop width. */
    public static void check(WebDriver driver, String axeSource, String page, List<String> findings) {
        for (Dimension size : List.of(LAPTOP, PHONE)) {
            driver.manage().window().setSize(size);
            String where = page + " [" + driver.findElement(By.tagName("html")).getAttribute("lang") + ", " + size.getWidth() + " px]";
            Object width = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            if (((Number) width).intValue() > 0) {
                findings.add(where + ": wider than the window by " + width + " px");
            }
            String violations = violations(driver, axeSource);
            if (!violations.isEmpty()) {
                findings.add(where + ":\n" + violations);
                System.out.println("axe-core: " + where + ":\n" + violations);
            }
        }
        driver.manage().window().setSize(LAPTOP);
    }

    /** axe-core's violations on the page as it is, one line each ("" when none). */
    public static String violations(WebDriver driver, String axeSource) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (js.executeScript("return typeof window.axe === 'undefined';").equals(Boolean.TRUE)) {
            js.executeScript(axeSource);
        }
        return (String) js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations.map(function (v) {"
                + "  return v.id + ' (' + v.impact + '): ' + v.help + ' @ ' + v.nodes.map(function (n) { return n.target.join(' ') + ' <' + (n.html || '').substring(0, 120) + '>'; }).join(' | ');"
                + "}).join('\\n')); }).catch(function (e) { done('axe failed: ' + e); });");
    }
}
