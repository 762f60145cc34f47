// Floor probe for bench/plan-lab: a bare JVM program that opens one MINA SSHD session per lab host and runs one
// command, all hosts in parallel (issue 7's "floor"). Trusts any host key: lab use only.
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.common.util.security.SecurityUtils;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
/** Usage: java -cp wgform.jar:DIR Floor N KEYFILE */
public class Floor {
  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]);
    SshClient c = SshClient.setUpDefaultClient();
    c.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    c.start();
    var keys = SecurityUtils.loadKeyPairIdentities(null, null, Files.newInputStream(Path.of(a[1])), null);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<String>> fs = new ArrayList<>();
    for (int i = 1; i <= n; i++) { int h = i; fs.add(pool.submit(() -> {
      try (var s = c.connect("root", "198.51.100." + h, 22).verify(10, TimeUnit.SECONDS).getSession()) {
        keys.forEach(s::addPublicKeyIdentity);
        s.auth().verify(10, TimeUnit.SECONDS);
        return s.executeRemoteCommand("true");
      }
    }));}
    for (var f : fs) f.get();
    pool.shutdown(); c.stop();
  }
}
