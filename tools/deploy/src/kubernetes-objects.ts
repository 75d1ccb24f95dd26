import type { UnitDeployment } from './deploy-plan';

/** A Kubernetes object as rendered: plain data, validated against the API schemas in the specs. */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<string, unknown>;

export const NAMESPACE = 'foodcourt';
export const TOPOLOGY_CONFIGMAP = 'foodcourt-topology';

/** Secrets the pods read by secretKeyRef; created by the operator (deploy/README.md), never rendered. */
export const SECRETS = {
  admin: 'foodcourt-admin',
  database: 'foodcourt-database',
  brokers: 'foodcourt-brokers',
} as const;

export const PART_OF = { 'app.kubernetes.io/part-of': 'foodcourt' };

/** The labels that pick one unit's pods: the Service, PDB and NetworkPolicy selectors. */
export function selectorOf(unit: { name: string }): Record<string, string> {
  return { 'app.kubernetes.io/name': 'foodcourt', 'app.kubernetes.io/component': unit.name };
}

export function labelsOf(unit: { name: string }): Record<string, string> {
  return { ...selectorOf(unit), ...PART_OF };
}

export function metadataOf(name: string, unit?: UnitDeployment): K8sObject['metadata'] {
  return { name, namespace: NAMESPACE, labels: unit ? labelsOf(unit) : { ...PART_OF } };
}
