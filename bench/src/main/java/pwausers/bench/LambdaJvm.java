package pwausers.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM started as one of Lambda's managed Java runtimes starts the function's: Lambda's own command-line flags, then
 * the function's {@code JAVA_TOOL_OPTIONS} from its environment (the JVM reads those first, so a flag on Lambda's
 * command line wins over the same flag there).
 *
 * <p>Lambda's flags, as its java17 runtime shows them in {@code /proc}: a heap of 85 % of the memory size, the serial
 * collector, class-data sharing, C1 only ({@code -XX:TieredStopAtLevel=1}; on java25 only without SnapStart or
 * provisioned concurrency: with them Lambda leaves the JVM's default compilers, so that priming compiles with C2
 * before the snapshot). Its runtime client's own classes and its Log4j patch agent (java17, java21) are left out:
 * they cost every Java function alike. {@code -XX:MaxRAM} stands in for the sandbox: in it the JVM sees the function's
 * memory size as the machine's, and sizes its initial heap and young generation from it (from this machine's 24 GiB
 * they would be 24 times larger, and a cold start would touch more of them).
 *
 * @param name         the row's label
 * @param javaHome     the JDK
 * @param c1Only       whether Lambda's command line stops at C1
 * @param toolOptions  JAVA_TOOL_OPTIONS, or "" for none
 * @param plain        no Lambda flags at all (the JVM's defaults), for reference
 */
record LambdaJvm(String name, Path javaHome, boolean c1Only, String toolOptions, boolean plain) {

    static LambdaJvm of(String name, Path javaHome, boolean c1Only, String toolOptions) {
        return new LambdaJvm(name, javaHome, c1Only, toolOptions, false);
    }

    boolean available() {
        return Files.isExecutable(java());
    }

    Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** The command that runs mainClass with args, as Lambda would start the JVM for a function of memoryMb. */
    List<String> command(int memoryMb, String classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java().toString()));
        if (!plain) {
            command.add("-XX:MaxRAM=" + memoryMb + "m"); // the sandbox's memory, not a flag of Lambda's
            command.add("-XX:MaxHeapSize=" + memoryMb * 1024L * 85 / 100 + "k");
            command.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto"));
            if (c1Only) {
                command.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
            }
            command.add("-XX:+ErrorFileToStderr");
        }
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }

    /** This JVM with other JAVA_TOOL_OPTIONS, under another name. */
    LambdaJvm withToolOptions(String label, String options) {
        return new LambdaJvm(label, javaHome, c1Only, options, plain);
    }
}
