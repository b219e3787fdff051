package pwausers.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** The outputs of a deployed stack that the web app's upload needs (template.yaml, Outputs). */
record StackOutputs(String webUrl, String webBucketName, String webDistributionId) {
    static final String WEB_URL = "WebUrl";
    static final String WEB_BUCKET_NAME = "WebBucketName";
    static final String WEB_DISTRIBUTION_ID = "WebDistributionId";

    /**
     * Reads them from CloudFormation.
     *
     * @throws DeployException if the stack does not exist or lacks one of them
     */
    static StackOutputs of(CloudFormationClient cloudFormation, String stackName) {
        Stack stack;
        try {
            stack = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
        } catch (CloudFormationException e) {
            throw new DeployException("Cannot read the stack " + stackName + " (" + e.awsErrorDetails().errorMessage()
                    + "): deploy it first (./pwa-users deploy, or sam deploy), in this region.", e);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        return new StackOutputs(required(outputs, stackName, WEB_URL), required(outputs, stackName, WEB_BUCKET_NAME),
                required(outputs, stackName, WEB_DISTRIBUTION_ID));
    }

    private static String required(Map<String, String> outputs, String stackName, String key) {
        String value = outputs.get(key);
        if (value == null || value.isBlank()) {
            throw new DeployException("The stack " + stackName + " has no output " + key + " (it has " + outputs.keySet()
                    + "): was it deployed from this template.yaml?");
        }
        return value;
    }
}
