package dev.wgform.schedule;

import java.nio.file.Path;

/**
 * Where a cron run's output goes. Cron would mail it, which on a workstation usually means nowhere: syslog through
 * {@code logger} when the machine has it (rotated by journald or rsyslog like everything else), else a file.
 */
public sealed interface CronLog {
    /** Output piped to {@code logger -t ID} (an absolute path, as cron's PATH is short). */
    record Syslog(Path logger) implements CronLog {
        public Syslog {
            if (!logger.isAbsolute()) throw new IllegalArgumentException("logger must be an absolute path: " + logger);
        }
    }

    /** Output appended to this file. */
    record LogFile(Path file) implements CronLog {
        public LogFile {
            if (!file.isAbsolute()) throw new IllegalArgumentException("the log file must be an absolute path: " + file);
        }
    }

    /** The file used when there is no logger: {@code .wgform/ID.log} in the working directory, beside the lab's files. */
    static LogFile besideWorkspace(DriftSchedule schedule) {
        return new LogFile(schedule.workingDirectory().resolve(".wgform").resolve(schedule.id() + ".log"));
    }
}
