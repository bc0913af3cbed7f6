package tandem.emotion.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The walkthrough page in a real browser: its script runs, every step renders every number it carries, the slider
 * switches the windows shown, a click on a number names the code that computed it, and no request leaves the page.
 * Screenshots of the first step, the first backward step and the windows at W = 3 go to target/teaching-page/.
 */
class TeachingPageBrowserTest {
    static final Path OUT = Path.of("target", "teaching-page").toAbsolutePath();

    @Test
    void everyStepRendersTheSliderSwitchesTheWindowsAndNoRequestLeavesThePage() throws IOException {
        Path page = OUT.resolve("attention.html");
        TeachingPage.writeWalkthrough(page, TeachingPage.windowCounts(2), 2, 4, 1);
        try (HeadlessChromium chrome = HeadlessChromium.startOrSkip()) {
            ChromeDriver d = chrome.driver;
            d.get(page.toUri().toString());
            assertEquals("true", d.findElement(By.tagName("body")).getDomAttribute("data-ready"), "the page's script ran to the end");

            // what the data says each step holds: id, phase, blocks, numbers, windows drawings
            @SuppressWarnings("unchecked")
            List<List<Object>> steps = (List<List<Object>>) d.executeScript("const data = JSON.parse(document.getElementById('data').textContent);"
                    + "return data.walks[data.selected].steps.map(s => [s.id, s.phase, s.blocks.length,"
                    + " s.blocks.filter(b => b.type === 'matrix').reduce((n, b) => n + b.values.length, 0),"
                    + " s.blocks.filter(b => b.type === 'windows').length]);");
            assertTrue(steps.size() >= 30, "forward and backward steps: " + steps.size());
            chrome.screenshot(OUT.resolve("step-first.png"));
            boolean backwardShot = false;
            for (int i = 0; i < steps.size(); i++) {
                if (i > 0) d.findElement(By.id("next")).click();
                List<Object> s = steps.get(i);
                String id = (String) s.get(0);
                assertEquals(id, d.findElement(By.id("step")).getDomAttribute("data-step"), "step " + i);
                assertEquals(number(s.get(2)), d.findElements(By.cssSelector("#step > .block")).size(), id + ": every block drawn");
                assertEquals(number(s.get(3)), d.findElements(By.cssSelector("#step td.num")).size(), id + ": every number drawn");
                if (number(s.get(4)) > 0) assertEquals(2 * 2, d.findElements(By.cssSelector("#step rect.window")).size(), "2 windows on 2 axes");
                if (s.get(1).equals("backward") && !backwardShot) {
                    chrome.screenshot(OUT.resolve("step-backward.png"));
                    backwardShot = true;
                }
            }
            assertEquals("true", d.findElement(By.id("next")).getDomProperty("disabled"), "the last step ends the walk");

            d.findElement(By.cssSelector("#steps li[data-step='windows']")).click();
            assertEquals(List.of("0", "4"), starts(d, "video"));
            assertEquals(List.of("0", "6"), starts(d, "audio"));
            d.findElement(By.id("windows")).sendKeys(Keys.ARROW_RIGHT);   // the slider, as a reader moves it
            assertEquals("W = 3", d.findElement(By.id("windows-value")).getText());
            assertEquals("windows", d.findElement(By.id("step")).getDomAttribute("data-step"), "the reader stays on the same step");
            assertEquals(List.of("0", "2", "5"), starts(d, "video"));
            assertEquals(List.of("0", "4", "8"), starts(d, "audio"));
            chrome.screenshot(OUT.resolve("step-windows-w3.png"));

            d.findElement(By.cssSelector("#steps li[data-step='b-video_to_audio-softmax']")).click();
            d.findElement(By.cssSelector("#step figure.matrix[data-label^='dL/d scores'] td.num")).click();
            String source = d.findElement(By.id("source")).getText();
            for (String part : List.of("DirectionBackward.walk", "emotion/src/main/java/tandem/emotion/explain/DirectionBackward.java:", "Softmax.backward",
                    "autograd/src/main/java/tandem/autograd/ops/Softmax.java:")) {
                assertTrue(source.contains(part), "the clicked number names " + part + ":\n" + source);
            }

            chrome.assertNothingLeftThePage(page.toUri().toString());
        }
    }

    private static List<String> starts(ChromeDriver d, String axis) {
        return d.findElements(By.cssSelector("#step rect.window[data-axis='" + axis + "']")).stream().map(e -> e.getDomAttribute("data-start")).toList();
    }

    private static int number(Object o) { return ((Number) o).intValue(); }
}
