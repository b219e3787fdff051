package pwausers.deploy;

import java.util.List;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;

/** template.yaml as the deploy tests read it, and the facts they take from it rather than retype. */
final class ProjectTemplate {
    static final SamTemplate TEMPLATE = SamTemplate.read(ProjectFiles.template());
    /** The logical id of the template's one function (the workshop's AddPwaUser). */
    static final String FUNCTION = theOnly(TEMPLATE.logicalIdsOfType("AWS::Serverless::Function"));

    private ProjectTemplate() {
    }

    private static String theOnly(List<String> functions) {
        if (functions.size() != 1) {
            throw new IllegalStateException("the deploy tests expect one function in template.yaml, not " + functions);
        }
        return functions.get(0);
    }
}
