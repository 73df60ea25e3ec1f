/**
 * The stores keyrun resolves references from, one class per store, each a {@link
 * dev.keyrun.backend.Backend} listed in {@code META-INF/services/dev.keyrun.backend.Backend}.
 *
 * <table>
 *   <caption>Stores of this build</caption>
 *   <tr><th>store</th><th>reference syntax</th><th>class</th></tr>
 *   <tr><td>dotenv store</td><td>{@code dotenv:KEY}, {@code dotenv:/path#KEY}, {@code
 *       dotenv:~/path#KEY}</td><td>{@link dev.keyrun.backend.DotenvStore}</td></tr>
 *   <tr><td>environment</td><td>{@code env://NAME}</td><td>{@link
 *       dev.keyrun.backend.EnvStore}</td></tr>
 *   <tr><td>file</td><td>{@code file:///absolute/path}</td><td>{@link
 *       dev.keyrun.backend.FileStore}</td></tr>
 *   <tr><td>macOS Keychain</td><td>{@code keychain://SERVICE[/ACCOUNT]}</td><td>{@link
 *       dev.keyrun.backend.keychain.KeychainStore}</td></tr>
 *   <tr><td>Secret Service</td><td>{@code secret-service://SERVICE[/ACCOUNT]}</td><td>{@link
 *       dev.keyrun.backend.secretservice.SecretServiceStore}</td></tr>
 *   <tr><td>keyring</td><td>{@code keyring://SERVICE[/ACCOUNT]}</td><td>{@link
 *       dev.keyrun.backend.keyring.KeyringStore}</td></tr>
 *   <tr><td>1Password</td><td>{@code op://VAULT/ITEM[/SECTION]/FIELD}</td><td>{@link
 *       dev.keyrun.backend.onepassword.OpStore}</td></tr>
 *   <tr><td>systemd credentials</td><td>{@code systemd-creds://NAME}</td><td>{@link
 *       dev.keyrun.backend.systemd.SystemdCredsStore}</td></tr>
 * </table>
 *
 * <p>Stores that {@code keyrun set} and {@code keyrun delete} can change also implement {@link
 * dev.keyrun.backend.WritableBackend}: the dotenv store and the three keyring stores.
 *
 * <p>A backend reports a missing entry as an empty {@link java.util.Optional} and a store that
 * cannot be used (unreadable file, unsafe permissions, missing tool) as a {@link
 * dev.keyrun.backend.StoreException}; {@link dev.keyrun.backend.Resolver} turns both into one
 * {@link dev.keyrun.backend.Outcome} per reference. Resolved values travel as {@link
 * dev.keyrun.backend.Secret}, whose {@code toString()} is redacted.
 */
package dev.keyrun.backend;
