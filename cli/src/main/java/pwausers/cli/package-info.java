/**
 * What the user may type to the commands that run in modules of their own ({@code bench}, {@code loadtest},
 * {@code deploy}), and the help that says it: picocli declarations, one per command. The module's command extends
 * its declaration and runs it; {@code ./pwa-users --help} (the local stack's {@code PwaUsersCli}) reads the same
 * declarations, so a command's help answers at once, without its module built.
 */
package pwausers.cli;
