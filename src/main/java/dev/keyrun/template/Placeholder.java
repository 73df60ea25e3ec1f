package dev.keyrun.template;

import dev.keyrun.reference.Reference;

/**
 * A reference in a template and the bytes it replaces.
 *
 * @param start the offset of the first replaced byte, such as the first {@code {}
 * @param end the offset after the last replaced byte
 * @param reference the reference whose value goes in its place
 * @param line the line it is on, counting from 1
 */
public record Placeholder(int start, int end, Reference reference, int line) {}
