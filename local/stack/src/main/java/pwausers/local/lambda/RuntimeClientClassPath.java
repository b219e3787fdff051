package pwausers.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import pwausers.local.lambda.lifeline.Lifeline;

/**
 * The class path of a function process, as Lambda's Java runtimes have it (/var/runtime/lib): Lambda's runtime
 * interface client and its dependencies (aws-lambda-java-core, aws-lambda-java-serialization, the SDK's utils-lite
 * and annotations), and the {@link Lifeline} in a jar of its own. Never the local stack's classes, nor the function's:
 * the runtime client loads those from the task root.
 *
 * <p>Also the client's native library, unpacked once: left to itself, each client unpacks it to one fixed path
 * ({@code /tmp/.libaws-lambda-jni.so}) and loads it from there, so that JVMs starting together (and any other user's
 * on the machine) overwrite the file another is loading, which crashes it (SIGBUS). {@link #jniProperty()} points the
 * client at a private copy instead.
 */
final class RuntimeClientClassPath {
    /** A class of each jar, by name: the runtime client's own (not for the stack's code to use). */
    private static final List<String> ONE_CLASS_OF_EACH_JAR = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal",
            "software.amazon.awssdk.annotations.SdkInternalApi");
    /** The system property that tells the runtime client where its native library is (its JniHelper reads it). */
    private static final String JNI_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static String classPath;
    private static String jniProperty;

    private RuntimeClientClassPath() {
    }

    /** The class path, the Lifeline's jar written on first use (into a temporary file, deleted when this JVM ends). */
    static synchronized String get() {
        if (classPath == null) {
            List<String> parts = new ArrayList<>();
            parts.add(lifelineJar().toString());
            for (String type : ONE_CLASS_OF_EACH_JAR) {
                String jar = jarOf(type).toString();
                if (!parts.contains(jar)) {
                    parts.add(jar);
                }
            }
            classPath = String.join(":", parts);
        }
        return classPath;
    }

    /** {@code -D...NativeClient.JNI=PATH}: the client's native library for this machine, unpacked on first use. */
    static synchronized String jniProperty() {
        if (jniProperty == null) {
            String arch = switch (System.getProperty("os.arch")) {
                case "amd64", "x86_64" -> "x86_64";
                case "aarch64", "arm64" -> "aarch_64";
                default -> throw new IllegalStateException("Lambda's runtime client has no native library for "
                        + System.getProperty("os.arch"));
            };
            String library = "/jni/libaws-lambda-jni.linux-" + arch + ".so";
            try (InputStream bytes = RuntimeClientClassPath.class.getResourceAsStream(library)) {
                if (bytes == null) {
                    throw new IllegalStateException("no " + library + " in Lambda's runtime client");
                }
                Path copy = Files.createTempFile("pwa-users-lambda-jni-", ".so");
                copy.toFile().deleteOnExit();
                Files.copy(bytes, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                jniProperty = "-D" + JNI_PROPERTY + "=" + copy;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack Lambda's runtime client's native library", e);
            }
        }
        return jniProperty;
    }

    /** The jar (or classes folder) a class of the runtime client comes from. */
    private static Path jarOf(String type) {
        try {
            return Path.of(Class.forName(type, false, RuntimeClientClassPath.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot find where " + type + " is loaded from", e);
        }
    }

    private static Path lifelineJar() {
        String entry = Lifeline.class.getName().replace('.', '/') + ".class";
        try (InputStream bytes = Lifeline.class.getClassLoader().getResourceAsStream(entry)) {
            if (bytes == null) {
                throw new IllegalStateException("no " + entry + " on the class path");
            }
            Path jar = Files.createTempFile("pwa-users-lifeline-", ".jar");
            jar.toFile().deleteOnExit();
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new ZipEntry(entry));
                bytes.transferTo(out);
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function processes' launcher jar", e);
        }
    }
}
