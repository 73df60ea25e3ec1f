package dev.keyrun.doctor;

/**
 * The input of every check: the project directory with what a walk found there, and the host it is
 * on.
 */
public record Scope(ProjectScope project, Host host) {}
