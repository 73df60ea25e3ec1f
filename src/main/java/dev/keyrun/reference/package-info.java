/**
 * References: the URIs that name where a secret lives ({@code dotenv:KEY}, {@code env://NAME},
 * {@code file:///path}, {@code op://...}, ...). A value with none of these schemes is a plain
 * value.
 */
package dev.keyrun.reference;
