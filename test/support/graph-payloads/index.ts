// Graph objects as Microsoft Graph returns them for each subject type (shapes follow the Microsoft Learn examples),
// parameterised by the ids a tenant gives them: the same policy built with SOURCE and TARGET ids differs only in
// ids, timestamps and reference ids. Plus an in-memory InventoryGraph for reader tests.
export * from './tenant-sides';
export * from './intune-policies';
export * from './scripts-and-updates';
export * from './entra-and-legacy';
export * from './in-memory-inventory-graph';
export * from './remediations-and-drivers';
export * from './apps-and-notifications';
export * from './enrollment-and-identity';
