package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void headerDriftAndAHeatMapPerPlane() throws Exception {
        String html = HtmlReport.render(DriftSamples.withDrift());
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n");
        Document doc = xml(html);
        assertThat(text(doc, "//title")).isEqualTo("wgform drift report 2025-01-02T03:04:05Z");
        assertThat(text(doc, "//li[@id='count-hosts']")).isEqualTo("4 hosts: 3 reached, 1 unreachable");
        assertThat(text(doc, "//li[@id='count-drift']")).isEqualTo("3 drifted resources");
        assertThat(text(doc, "//li[@id='count-stale']")).isEqualTo("3 stale peers");
        assertThat(text(doc, "//p[contains(@class,'summary')]")).isEqualTo("Drift: 3 resources on 2 hosts (file 1, peers 1, unreachable 1).");
        assertThat(text(doc, "//section[@id='unreachable']//li")).isEqualTo("lab-3: connection refused");

        assertThat(texts(doc, "//section[@id='drift']/h3")).containsExactly("lab-1", "lab-3");
        assertThat(text(doc, "//section[@id='drift']//pre[@class='diff']")).isEqualTo(DriftSamples.DIFF);
        assertThat(texts(doc, "//pre[@class='diff']/span[@class='del']")).containsExactly("-Endpoint = 198.51.100.2:51820");
        assertThat(texts(doc, "//pre[@class='diff']/span[@class='add']")).containsExactly("+Endpoint = 198.51.100.12:51820");

        assertThat(texts(doc, "//table[@class='heatmap']/@id")).containsExactly("heatmap-mgmt"); // app has no interfaces
        assertThat(texts(doc, "//table[@id='heatmap-mgmt']/thead//th")).containsExactly("host \\ peer", "lab-1", "lab-2", "lab-4", "xTIBA5rb…");
        assertThat(texts(doc, "//table[@id='heatmap-mgmt']/tbody/tr/th")).containsExactly("lab-1", "lab-2", "lab-4");
        assertThat(texts(doc, "//table[@id='heatmap-mgmt']/tbody/tr[1]/td")).containsExactly("-", "12s", "3m", "-");
        assertThat(texts(doc, "//table[@id='heatmap-mgmt']/tbody/tr[3]/td")).containsExactly("2h", "-", "-", "never");
        assertThat(texts(doc, "//table[@id='heatmap-mgmt']/tbody/tr/td/@class"))
                .containsExactly("none", "fresh", "old", "none", "fresh", "none", "stale never", "none", "stale", "none", "none", "stale never");
        Element fresh = (Element) node(doc, "//table[@id='heatmap-mgmt']/tbody/tr[1]/td[2]");
        assertThat(fresh.getAttribute("title")).isEqualTo(
                "lab-1 -> lab-2: latest handshake 12 s ago; endpoint 198.51.100.114:51820; received 1012 B, sent 2012 B; kept alive");
        assertThat(fresh.getAttribute("style")).isEqualTo("background-color: hsl(117, 70%, 72%)");
        Element old = (Element) node(doc, "//table[@id='heatmap-mgmt']/tbody/tr[1]/td[3]");
        assertThat(old.getAttribute("style")).isEqualTo("background-color: hsl(53, 70%, 72%)");
        Element never = (Element) node(doc, "//table[@id='heatmap-mgmt']/tbody/tr[2]/td[3]");
        assertThat(never.getAttribute("title")).isEqualTo("lab-2 -> lab-4: no handshake ever; received 0 B, sent 148 B; kept alive; STALE");
        assertThat(never.getAttribute("style")).isEqualTo("background-color: hsl(0, 75%, 45%)");

        assertThat(texts(doc, "//table[@id='keys-mgmt']//td")).containsExactly("3d", "3d", "1d");
        assertThat(texts(doc, "//table[@id='keys-app']//th[@scope='row']")).containsExactly("lab-1");
    }

    @Test
    void selfContainedWithoutScriptsOrAnyUrl() throws Exception {
        for (String html : List.of(HtmlReport.render(DriftSamples.withDrift()), HtmlReport.render(DriftSamples.clean()))) {
            assertThat(html.toLowerCase()).doesNotContain("<script", "<link", "<img", "<iframe", "src=", "href=", "url(",
                    "@import", "http:", "https:", "//fonts", "@font-face");
        }
        Document doc = xml(HtmlReport.render(DriftSamples.clean()));
        assertThat(text(doc, "//p[contains(@class,'summary')]")).isEqualTo("No drift. 8 hosts match the playbook.");
        assertThat(text(doc, "//section[@id='drift']/p")).isEqualTo("None: every reachable host matches the playbook.");
        assertThat(node(doc, "//section[@id='unreachable']")).isNull();
    }

    @Test
    void everyTextFromTheReportIsEscaped() throws Exception {
        String html = HtmlReport.render(DriftSamples.evil());
        assertThat(html).doesNotContain("<script>", "<b>", "</pre><b>", "<\"here\">", "<a>", "er</td>\"")
                .contains("edited &lt;script&gt;alert(1)&lt;/script&gt;", "ev&quot;il&lt;b&gt;&amp;&#39;x\\y",
                        "id=\"heatmap-pl&lt;a&gt;ne&quot;\"");
        // Read back by a real parser, every string comes out exactly as it went in.
        Document doc = xml(html);
        assertThat(node(doc, "//script")).isNull();
        assertThat(node(doc, "//b")).isNull();
        assertThat(texts(doc, "//section[@id='drift']/h3")).containsExactly(DriftSamples.EVIL_HOST, "down\"1");
        assertThat(text(doc, "//section[@id='drift']//ul[@class='items']/li/code")).isEqualTo("/etc/<x>&.conf");
        assertThat(text(doc, "//ul[@class='details']/li")).isEqualTo("detail \"quoted\" & <tagged>");
        assertThat(text(doc, "//pre[@class='diff']")).isEqualTo("@@ -1 +1 @@\n-</pre><b>old\n+new & \"q\"\n");
        assertThat(texts(doc, "//table[@class='heatmap']/@id")).containsExactly("heatmap-pl<a>ne\"");
        assertThat(texts(doc, "//table[@class='heatmap']/thead//th")).containsExactly("host \\ peer", DriftSamples.EVIL_PEER);
        assertThat(texts(doc, "//table[@class='heatmap']/tbody/tr/td/@title")).containsExactly(
                DriftSamples.EVIL_HOST + " -> " + DriftSamples.EVIL_PEER
                        + ": latest handshake 3 s ago; endpoint [fd00::1]:51820; received 1 B, sent 2 B; kept alive");
        assertThat(text(doc, "//section[@id='unreachable']//li")).isEqualTo("down\"1: refused <\"here\">");
    }

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void chromiumRendersTheHeatMap() throws Exception {
        Optional<Path> chromium = DriftProcesses.find("chromium", "chromium-browser", "google-chrome");
        assumeTrue(chromium.isPresent(), "chromium not installed (Debian package chromium)");
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render(DriftSamples.withDrift()));

        Path png = dir.resolve("report.png");
        Run run = chromium(chromium.get(), page, "--screenshot=" + png, "--window-size=1200,1400", "--dump-dom");
        assertThat(run.exitCode).isZero();
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(1400);
        // The heat map's cells are painted: light green for fresh, strong red for stale and never.
        assertThat(countPixels(image, "fresh green")).isGreaterThan(1_000);
        assertThat(countPixels(image, "stale red")).isGreaterThan(1_000);

        assertThat(run.stdout).contains("<table class=\"heatmap\" id=\"heatmap-mgmt\">", "<th scope=\"row\">lab-4</th>",
                ">12s</td>", "class=\"stale never\"", "Drift: 3 resources on 2 hosts (file 1, peers 1, unreachable 1).");
    }

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void chromiumFindsNoMarkupInTheNames() throws Exception {
        Optional<Path> chromium = DriftProcesses.find("chromium", "chromium-browser", "google-chrome");
        assumeTrue(chromium.isPresent(), "chromium not installed (Debian package chromium)");
        Path page = dir.resolve("evil.html");
        Files.writeString(page, HtmlReport.render(DriftSamples.evil()));
        Run dom = chromium(chromium.get(), page, "--dump-dom");
        assertThat(dom.exitCode).isZero();
        assertThat(dom.stdout).contains("<table class=\"heatmap\" id=\"heatmap-pl", "edited &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script", "<b>", "<x>", "<tagged>");
    }

    private record Run(int exitCode, String stdout) {}

    /** Headless Chromium on a file:// URL only, with name resolution switched off so it cannot reach any network. */
    private Run chromium(Path chromium, Path page, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(extra));
        command.add(page.toUri().toString());
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        int code = DriftProcesses.run(command, Optional.empty(), out, err, Duration.ofSeconds(60));
        return new Run(code, Files.readString(out, StandardCharsets.UTF_8));
    }

    private static int countPixels(BufferedImage image, String which) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                boolean hit = which.equals("fresh green") ? r < 170 && g > 200 && b < 170 : r > 170 && g < 60 && b < 60;
                if (hit) count++;
            }
        }
        return count;
    }

    private static Document xml(String html) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + e.getMessage(), e);
        }
    }

    private static org.w3c.dom.Node node(Document doc, String xpath) throws Exception {
        return (org.w3c.dom.Node) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODE);
    }

    private static String text(Document doc, String xpath) throws Exception {
        org.w3c.dom.Node n = node(doc, xpath);
        assertThat(n).as(xpath).isNotNull();
        return n.getTextContent();
    }

    private static List<String> texts(Document doc, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) found.add(nodes.item(i).getTextContent());
        return found;
    }
}
