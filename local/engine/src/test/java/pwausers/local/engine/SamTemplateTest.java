package pwausers.local.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class SamTemplateTest {

    private final SamTemplate template = SamTemplate.read(ProjectFiles.template());

    @Test
    void createTableRequest_followsThePwaUsersTableDefinition() {
        CreateTableRequest request = template.createTableRequest("PwaUsersTable", "PwaUsers");

        assertThat(request.tableName()).isEqualTo("PwaUsers");
        assertThat(request.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("PwaUserID").keyType(KeyType.HASH).build());
        assertThat(request.attributeDefinitions()).containsExactly(
                AttributeDefinition.builder().attributeName("PwaUserID").attributeType(ScalarAttributeType.S).build());
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.provisionedThroughput()).isNull();
        assertThat(request.sseSpecification()).isNull();
        assertThat(request.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(request.hasLocalSecondaryIndexes()).isFalse();
    }

    @Test
    void read_turnsShortFormTagsIntoTheirLongForm() {
        Map<String, Object> policy = first(template.properties("AddPwaUserRole").get("Policies"));
        Map<String, Object> document = map(policy.get("PolicyDocument"));
        Map<String, Object> statement = first(document.get("Statement"));

        assertThat(statement.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("PwaUsersTable", "Arn")));
        assertThat(template.properties("PwaUsersTable").get("TableName")).isEqualTo(Map.of("Fn::If",
                List.of("HasTableName", Map.of("Ref", "TableName"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(template.properties("ApiGatewayCloudWatchRole").get("ManagedPolicyArns")).isEqualTo(List.of(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")));
    }

    @Test
    void read_keepsResourcesAndTheirAttributes() {
        assertThat(template.resources()).containsKeys("PwaUsersTable", "AddPwaUserRole", "AddPwaUser", "PwaUsersApi");
        assertThat(template.resource("PwaUsersTable"))
                .containsEntry("Type", "AWS::DynamoDB::Table")
                .containsEntry("DeletionPolicy", "Retain");
        assertThat(template.properties("AddPwaUser")).containsEntry("Timeout", 10);
    }

    @Test
    void logicalIdsOfType_listsMatchingResourcesInTemplateOrder() {
        assertThat(template.logicalIdsOfType("AWS::DynamoDB::Table"))
                .containsExactly("PwaUsersTable", "PwaUsersIdempotencyTable");
        assertThat(template.logicalIdsOfType("AWS::Serverless::Function")).containsExactly("AddPwaUser");
        assertThat(template.logicalIdsOfType("AWS::SQS::Queue")).isEmpty();
    }

    @Test
    void resource_namesTheMissingLogicalId() {
        assertThatThrownBy(() -> template.resource("NoSuchThing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchThing");
    }

    @Test
    void createTableRequest_refusesAResourceThatIsNotATable() {
        assertThatThrownBy(() -> template.createTableRequest("AddPwaUserRole", "X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AddPwaUserRole is a AWS::IAM::Role");
    }

    @Test
    void createTableRequest_readsProvisionedThroughputAndSecondaryIndexes(@TempDir Path dir) throws IOException {
        SamTemplate other = SamTemplate.read(write(dir, """
                Resources:
                  Orders:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions:
                        - {AttributeName: Id, AttributeType: S}
                        - {AttributeName: Sort, AttributeType: N}
                        - {AttributeName: Customer, AttributeType: S}
                      KeySchema:
                        - {AttributeName: Id, KeyType: HASH}
                        - {AttributeName: Sort, KeyType: RANGE}
                      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: "2"}
                      GlobalSecondaryIndexes:
                        - IndexName: ByCustomer
                          KeySchema: [{AttributeName: Customer, KeyType: HASH}]
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [Total]}
                          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
                      LocalSecondaryIndexes:
                        - IndexName: ByIdAndCustomer
                          KeySchema: [{AttributeName: Id, KeyType: HASH}, {AttributeName: Customer, KeyType: RANGE}]
                          Projection: {ProjectionType: KEYS_ONLY}
                      StreamSpecification: {StreamViewType: NEW_IMAGE}
                      Tags: [{Key: team, Value: pwa}]
                """));

        CreateTableRequest request = other.createTableRequest("Orders", "orders");

        assertThat(request.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(request.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        assertThat(request.provisionedThroughput().writeCapacityUnits()).isEqualTo(2);
        assertThat(request.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("ByCustomer");
            assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
            assertThat(gsi.projection().nonKeyAttributes()).containsExactly("Total");
            assertThat(gsi.provisionedThroughput().readCapacityUnits()).isEqualTo(1);
        });
        assertThat(request.localSecondaryIndexes()).singleElement().satisfies(lsi -> {
            assertThat(lsi.keySchema()).hasSize(2);
            assertThat(lsi.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        });
        assertThat(request.streamSpecification()).isNull();
        assertThat(request.hasTags()).isFalse();
    }

    @Test
    void createTableRequest_explainsAnIntrinsicWhereALiteralIsNeeded(@TempDir Path dir) throws IOException {
        SamTemplate other = SamTemplate.read(write(dir, """
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: !Ref Mode
                      AttributeDefinitions: [{AttributeName: Id, AttributeType: S}]
                      KeySchema: [{AttributeName: Id, KeyType: HASH}]
                """));

        assertThatThrownBy(() -> other.createTableRequest("T", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T.Properties.BillingMode must be a literal value");
    }

    @Test
    void read_handlesEveryShortFormShapeAndKeepsDatesAsText(@TempDir Path dir) throws IOException {
        SamTemplate other = SamTemplate.read(write(dir, """
                Resources:
                  Bare:
                    Type: AWS::SNS::Topic
                  Shapes:
                    Type: Custom::Shapes
                    Properties:
                      Version: 2012-10-17
                      Nested: !GetAtt Db.Endpoint.Address
                      Listed: !GetAtt [Db, Arn]
                      Joined: !Join ["-", [!Ref AWS::StackName, !Select [0, !Split [",", "a,b"]]]]
                      Cond: !Condition IsProd
                      SubWithVars: !Sub ["${X}", {X: !Ref Y}]
                """));

        assertThat(other.properties("Bare")).isEmpty();
        Map<String, Object> shapes = other.properties("Shapes");
        assertThat(shapes.get("Version")).isEqualTo("2012-10-17");
        assertThat(shapes.get("Nested")).isEqualTo(Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")));
        assertThat(shapes.get("Listed")).isEqualTo(Map.of("Fn::GetAtt", List.of("Db", "Arn")));
        assertThat(shapes.get("Joined")).isEqualTo(Map.of("Fn::Join", List.of("-", List.of(
                Map.of("Ref", "AWS::StackName"),
                Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "a,b"))))))));
        assertThat(shapes.get("Cond")).isEqualTo(Map.of("Condition", "IsProd"));
        assertThat(shapes.get("SubWithVars")).isEqualTo(Map.of("Fn::Sub", List.of("${X}", Map.of("X", Map.of("Ref", "Y")))));
    }

    @Test
    void read_refusesAFileWithoutResources(@TempDir Path dir) throws IOException {
        Path file = write(dir, "Description: nothing here\n");

        assertThatThrownBy(() -> SamTemplate.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Resources");
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("template.yaml"), yaml);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> first(Object list) {
        assertThat(list).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isNotEmpty();
        return map(((List<?>) list).get(0));
    }
}
