package dev.wgform.schedule;

/** What runs the schedule: a systemd timer (the default) or cron ({@code --cron}). */
public enum Scheduler {
    SYSTEMD,
    CRON
}
