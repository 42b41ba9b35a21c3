// Built-in Azure role definition ids used by the deployment. They are the same in every tenant and cloud.

@export()
@description('Built-in role definition GUIDs, by role name.')
var roleIds = {
  // Task hub blobs, reports, configuration and the Flex Consumption deployment package.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Read and write blobs without owning ACLs: operators uploading the migration configuration.
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Durable task hub work-item and control queues.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Durable task hub history and instance tables.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // User delegation keys, which sign the read-only report links given to auditors.
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  // Read secret values: the Key Vault references of the legacy SQL Server connection strings.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Set secret values: operators storing the legacy connection strings.
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  // Send telemetry to an Application Insights resource whose local (key) authentication is disabled.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}
