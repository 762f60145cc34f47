// A simulated host's answer as wgform's fact script prints it when built with digests (WGF_DIGEST_OVER=N, see
// src/main/resources/dev/wgform/facts/facts.sh): every "@@file" section whose content is N bytes or more becomes
// "@@digest PATH" + its mode and owner + the sha256 of its (redacted) content, as `sha256sum` prints it; the texts
// are kept, to be sent as "@@text PATH" sections when wgform asks for them after all.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

final class DigestForm {
    final byte[] answer;
    /** path -> its "@@text PATH" section, as the script prints it when asked */
    final Map<String, String> texts = new HashMap<>();

    DigestForm(byte[] full, int over) throws Exception {
        String[] lines = new String(full, StandardCharsets.UTF_8).split("\n", -1);
        StringBuilder out = new StringBuilder(full.length / 2);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (!line.startsWith("@@file ")) {
                out.append(line);
                if (++i < lines.length) out.append('\n');
                continue;
            }
            String path = line.substring("@@file ".length());
            String meta = lines[i + 1];
            int end = i + 2;
            while (end < lines.length && !lines[end].startsWith("@@")) end++;
            StringBuilder content = new StringBuilder();
            StringBuilder section = new StringBuilder("@@text ").append(path).append('\n');
            boolean exact = true;
            for (int j = i + 2; j < end; j++) {
                String l = lines[j];
                if (l.isEmpty()) continue;
                section.append(l).append('\n');
                if (l.startsWith(":")) content.append(l, 1, l.length()).append('\n');
                else if (l.equals("\\")) content.setLength(content.length() - 1);
                else if (l.equals("!")) exact = false;
            }
            byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
            if (exact && bytes.length >= over) {
                out.append("@@digest ").append(path).append('\n').append(meta).append('\n')
                        .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).append("  -\n");
                texts.put(path, section.toString());
            } else {
                for (int j = i; j < end; j++) out.append(lines[j]).append('\n');
            }
            i = end;
        }
        answer = out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
