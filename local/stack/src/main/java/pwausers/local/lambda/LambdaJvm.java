package pwausers.local.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM started as one of Lambda's managed Java runtimes starts the function's: Lambda's own command-line flags, then
 * the function's {@code JAVA_TOOL_OPTIONS} from its environment (the JVM reads those first, so a flag on Lambda's
 * command line wins over the same flag there). The one place that knows those flags: the local stack starts its
 * function processes with them, the bench its measured children.
 *
 * <p>Lambda's flags, as its java17 runtime shows them in {@code /proc}: a heap of 85 % of the memory size, the serial
 * collector, class-data sharing, C1 only ({@code -XX:TieredStopAtLevel=1}; on java25 only without SnapStart or
 * provisioned concurrency: with them Lambda leaves the JVM's default compilers, so that priming compiles with C2
 * before the snapshot). Its Log4j patch agent (java17, java21) is left out: it costs every Java function alike.
 * {@code -XX:MaxRAM} stands in for the sandbox: in it the JVM sees the function's memory size as the machine's, and
 * sizes its initial heap and young generation from it (from this machine's 24 GiB they would be 24 times larger, and a
 * cold start would touch more of them).
 *
 * @param name         the row's label
 * @param javaHome     the JDK
 * @param c1Only       whether Lambda's command line stops at C1
 * @param toolOptions  JAVA_TOOL_OPTIONS, or "" for none (the bench sets it; a function's environment carries its own)
 * @param plain        no Lambda flags at all (the JVM's defaults), for reference
 */
public record LambdaJvm(String name, Path javaHome, boolean c1Only, String toolOptions, boolean plain) {

    public static LambdaJvm of(String name, Path javaHome, boolean c1Only, String toolOptions) {
        return new LambdaJvm(name, javaHome, c1Only, toolOptions, false);
    }

    /**
     * The JVM Lambda starts for a function of this runtime ({@code java17}, {@code java21}, {@code java25}, ...), with
     * or without SnapStart, here on the JDK that runs this process.
     */
    public static LambdaJvm forRuntime(String runtime, boolean snapStart) {
        return of(runtime, Path.of(System.getProperty("java.home")), c1Only(runtime, snapStart), "");
    }

    /**
     * Whether Lambda stops the JIT at C1: always before java25; from java25, unless SnapStart (or provisioned
     * concurrency) does the compiling before the snapshot (Lambda guide, "Customizing Java runtime startup behavior").
     */
    public static boolean c1Only(String runtime, boolean snapStart) {
        int version;
        try {
            version = Integer.parseInt(runtime.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            version = 21;
        }
        return version < 25 || !snapStart;
    }

    public boolean available() {
        return Files.isExecutable(java());
    }

    public Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** The command that runs mainClass with args, as Lambda would start the JVM for a function of memoryMb. */
    public List<String> command(int memoryMb, String classPath, String mainClass, List<String> args) {
        return command(memoryMb, classPath, List.of(), mainClass, args);
    }

    /** As {@link #command(int, String, String, List)}, with system properties ({@code -Dname=value}) of the runtime's. */
    public List<String> command(int memoryMb, String classPath, List<String> properties, String mainClass,
                                List<String> args) {
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
        command.addAll(properties);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }

    /** This JVM with other JAVA_TOOL_OPTIONS, under another name. */
    public LambdaJvm withToolOptions(String label, String options) {
        return new LambdaJvm(label, javaHome, c1Only, options, plain);
    }
}
