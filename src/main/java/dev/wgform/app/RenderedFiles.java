package dev.wgform.app;

import dev.wgform.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Writes a host's rendered files into a local directory that stands for the host's root. */
final class RenderedFiles {
    private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private RenderedFiles() {}

    /** Writes each file to {@code root/<its absolute path without the leading slash>}; returns the paths written. */
    static List<Path> writeUnder(Path root, List<RenderedFile> files) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>(files.size());
        for (RenderedFile f : files) {
            Path target = base.resolve(f.path().substring(1)).normalize();
            // a host name or destination with ".." must not write outside the host's directory
            if (!target.startsWith(base) || target.equals(base)) {
                throw new IOException("refusing to write " + f.path() + " outside " + base);
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.content(), StandardCharsets.UTF_8);
            setMode(target, f.mode());
            out.add(target);
        }
        return out;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) if ((mode & (1 << bit)) != 0) perms.add(BITS[bit]);
        return perms;
    }

    private static void setMode(Path file, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, permissions(mode));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps that file system's default permissions
        }
    }
}
