package dev.wgform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WgKeysTest {
    /**
     * Made on the development machine with wireguard-tools v1.0.20210914:
     * {@code k=$(wg genkey); echo "$k $(printf '%s\n' "$k" | wg pubkey)"}. Throwaway keys, used nowhere.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "yL7nqTQ5IJVym5hIyurDkQ+TmXbr/9Fh68upYKV+xW8= y5A0wYsfvWWr+CYRwnUmS4f89uGhvY6GKKG3LQrGA3g=",
        "wAlSYpBhZO5XH/v8VAYLV6AL2czhr/M+Ytt9xUqid2s= NkzCFfFoeXDpvVEM4Q8Py7FvaDMY5rJnanl8PI6xbUc=",
        "QDx7OV3r09KRJv9Lmb+vGJzUtCCEccmEJJrZg22u2UI= jeFKr/gYdPNQqIW5pjGsu2Bm5u2M1BOE8KttJC7t/wI=",
        "IMXA1stqtyD+cEB7SANVW+/YEzaUmMtHEhGEdJPbGmo= hFkU4Iz9u5+3jWKBpsF8Q1fU2Ubdn2+rvB9DvacjdnU=",
    })
    void publicKeyIsWhatWgPubkeyPrinted(String privateKey, String publicKey) {
        assertThat(WgKeys.publicKeyOf(secret(privateKey))).isEqualTo(publicKey);
    }

    /** RFC 7748 section 6.1 (Alice and Bob); their private keys are not clamped, and X25519 clamps as wg does. */
    @ParameterizedTest
    @CsvSource({
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a, 8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb, de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
    })
    void publicKeyMatchesRfc7748(String privateHex, String publicHex) {
        Secret k = Secret.ofBytes(HexFormat.of().parseHex(privateHex));
        String pub = WgKeys.publicKeyOf(k);
        assertThat(HexFormat.of().formatHex(WgKeys.decodePublicKey(pub))).isEqualTo(publicHex);
    }

    @Test
    void rfc7748AliceInBase64() {
        // the same vector in the form wg reads and prints
        assertThat(WgKeys.publicKeyOf(secret("dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=")))
                .isEqualTo("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=");
    }

    @Test
    void generatedKeysAreClampedFreshAndLookLikeWgGenkey() {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Secret k = WgKeys.generatePrivateKey();
            String text = k.base64ForTransfer();
            byte[] b = Base64.getDecoder().decode(text);
            assertThat(b).hasSize(32);
            assertThat(b[0] & 7).isZero();
            assertThat(b[31] & 128).isZero();
            assertThat(b[31] & 64).isEqualTo(64);
            assertThat(WgKeys.isValidKeyText(text)).isTrue();
            assertThat(WgKeys.isValidKeyText(WgKeys.publicKeyOf(k))).isTrue();
            seen.add(text);
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void clampIsTheRfc7748Clamp() {
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        WgKeys.clamp(ones);
        assertThat(ones[0]).isEqualTo((byte) 0xf8);
        assertThat(ones[31]).isEqualTo((byte) 0x7f);
        assertThat(ones[1]).isEqualTo((byte) 0xff);
        byte[] zeros = new byte[32];
        WgKeys.clamp(zeros);
        assertThat(zeros[0]).isZero();
        assertThat(zeros[31]).isEqualTo((byte) 0x40);
    }

    @Test
    void pskIsAFreshWgGenpskLikeSecret() {
        Secret psk = WgKeys.generatePsk();
        assertThat(psk.length()).isEqualTo(32);
        assertThat(WgKeys.isValidKeyText(psk.base64ForTransfer())).isTrue();
        assertThat(psk.toString()).isEqualTo("(sensitive)");
    }

    @Test
    void publicKeyNeedsALiveKeyOf32Bytes() {
        assertThatThrownBy(() -> WgKeys.publicKeyOf(Secret.ofBytes(new byte[31]))).isInstanceOf(IllegalArgumentException.class);
        Secret gone = WgKeys.generatePrivateKey();
        gone.destroy();
        assertThatThrownBy(() -> WgKeys.publicKeyOf(gone)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo",     // no '='
        "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo==",   // 45 characters
        "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTm=",     // 43 characters
        "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmp=",    // last symbol has bits beyond the 32nd byte: wg refuses it
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=",
        "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo=",    // URL-safe alphabet
        "hSDwCYkwp1R0i33ctD73Wg2 Og0mOBr066SpjqqbTmo=",
        " hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=",
        "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=\n",
    })
    void keyTextsWgWouldRefuseAreRefused(String text) {
        assertThat(WgKeys.isValidKeyText(text)).isFalse();
        // the message never repeats the text: it may be a private key pasted in the wrong place
        assertThatThrownBy(() -> WgKeys.decodePublicKey(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a WireGuard key (44 base64 characters ending in '=')");
    }

    @Test
    void nullIsNotAKey() {
        assertThat(WgKeys.isValidKeyText(null)).isFalse();
    }

    @Test
    void wgAgreesOnFiftyGeneratedKeys() throws Exception {
        Optional<Path> found = wgOnPath();
        assumeTrue(found.isPresent(), "wg is not installed here");
        Path wg = found.get();
        List<Secret> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) keys.add(WgKeys.generatePrivateKey());
        // one sh for all 50 (wg pubkey reads one key a run); the keys go through stdin, never a command line
        String in = keys.stream().map(k -> k.base64ForTransfer() + "\n").collect(Collectors.joining());
        Process p = new ProcessBuilder("sh", "-c", "while IFS= read -r k; do printf '%s\\n' \"$k\" | \"$0\" pubkey || exit 1; done", wg.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(in.getBytes(StandardCharsets.US_ASCII));
        }
        List<String> fromWg = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        assertThat(p.waitFor()).isZero();
        assertThat(fromWg).containsExactlyElementsOf(keys.stream().map(WgKeys::publicKeyOf).toList());
    }

    @Test
    void wgAcceptsExactlyTheKeyTextsWeAccept() throws Exception {
        Optional<Path> found = wgOnPath();
        assumeTrue(found.isPresent(), "wg is not installed here");
        Path wg = found.get();
        for (String text : List.of("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=", "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmp=",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA9=")) {
            Process p = new ProcessBuilder(wg.toString(), "pubkey").redirectErrorStream(true).start();
            try (var stdin = p.getOutputStream()) {
                stdin.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor() == 0).as(text).isEqualTo(WgKeys.isValidKeyText(text));
        }
    }

    private static Secret secret(String base64) {
        return Secret.ofBytes(Base64.getDecoder().decode(base64));
    }

    static Optional<Path> wgOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path wg = Path.of(dir, "wg");
            if (Files.isExecutable(wg)) return Optional.of(wg);
        }
        return Optional.empty();
    }
}
