package pwausers.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of starting the function's JVM: a JDK, its flags, and the class-data archive it maps, if any.
 *
 * @param name     the label in the table
 * @param javaHome the JDK
 * @param flags    JVM flags (the template's JAVA_TOOL_OPTIONS, say)
 * @param archive  what class data it maps: none, an AppCDS dynamic archive (JDK 13+), an AOT cache (JDK 25+)
 */
record JavaVariant(String name, Path javaHome, List<String> flags, Archive archive) {
    enum Archive { NONE, APP_CDS, AOT_CACHE }

    Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    boolean available() {
        return Files.isExecutable(java());
    }

    /** The file the archive lives in, under workDir, named after this variant. */
    Path archiveFile(Path workDir) {
        String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return workDir.resolve(slug + (archive == Archive.AOT_CACHE ? ".aot" : ".jsa"));
    }

    /** The command that makes the archive: a training run of the same cold start, which dumps it at exit. */
    List<String> trainingCommand(Path workDir, String classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java().toString()));
        command.addAll(flags);
        command.add(switch (archive) {
            case APP_CDS -> "-XX:ArchiveClassesAtExit=" + archiveFile(workDir);
            case AOT_CACHE -> "-XX:AOTCacheOutput=" + archiveFile(workDir);
            case NONE -> throw new IllegalStateException(name + " has no archive to train");
        });
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }

    /** The command of a measured run; an archive it cannot map is an error, never a silent fallback. */
    List<String> command(Path workDir, String classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java().toString()));
        command.addAll(flags);
        switch (archive) {
            case APP_CDS -> command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archiveFile(workDir)));
            case AOT_CACHE -> command.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + archiveFile(workDir)));
            case NONE -> { }
        }
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }
}
