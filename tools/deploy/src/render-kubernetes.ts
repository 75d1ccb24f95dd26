import { stringify } from 'yaml';
import { deployedTopology, type DeploymentPlan } from './deploy-plan';
import { NAMESPACE, PART_OF, TOPOLOGY_CONFIGMAP, type K8sObject } from './kubernetes-objects';
import { networkPoliciesOf } from './kubernetes-network';
import { autoscalerOf, disruptionBudgetOf, publicServiceOf, serviceOf } from './kubernetes-service';
import { deploymentOf, hasVolume, volumeClaimOf } from './kubernetes-workload';
import { header, yamlDocuments, type RenderedFile } from './rendered-file';

/** One manifest file and the objects in it. */
export interface ManifestFile {
  file: string;
  objects: K8sObject[];
}

/** The topology file the pods mount: addresses are Service names (deployedTopology). */
export function deployedTopologyText(plan: DeploymentPlan): string {
  // JSON round trip: the validated topology is a class instance whose unset fields are undefined.
  return stringify(JSON.parse(JSON.stringify(deployedTopology(plan.topology))), { lineWidth: 0 });
}

/** Every object of the topology's Kubernetes deployment, by file; files apply in name order. */
export function kubernetesManifests(plan: DeploymentPlan): ManifestFile[] {
  const namespace: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { ...PART_OF } } };
  const configMap: K8sObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: TOPOLOGY_CONFIGMAP, namespace: NAMESPACE, labels: { ...PART_OF } },
    data: { 'topology.yaml': deployedTopologyText(plan) },
  };
  const units = plan.units.map((unit): ManifestFile => ({
    file: `20-${unit.name}.yaml`,
    objects: [
      ...(hasVolume(plan, unit) ? [volumeClaimOf(unit)] : []),
      serviceOf(unit),
      ...(unit.http ? [publicServiceOf(unit)] : []),
      deploymentOf(plan, unit),
      disruptionBudgetOf(unit),
      ...(unit.declaresReplicas ? [autoscalerOf(unit)] : []),
    ],
  }));
  return [
    { file: '00-namespace.yaml', objects: [namespace] },
    { file: '10-topology.yaml', objects: [configMap] },
    ...units,
    { file: '90-network-policies.yaml', objects: networkPoliciesOf(plan) },
  ];
}

/** deploy/<topology>/k8s/: the manifests plus a kustomization listing them (`kubectl apply -k`). */
export function renderKubernetes(plan: DeploymentPlan, source: string, command: string): RenderedFile[] {
  const manifests = kubernetesManifests(plan);
  const top = header(source, command);
  const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: manifests.map((m) => m.file) };
  return [
    ...manifests.map((m) => ({ path: `k8s/${m.file}`, content: top + yamlDocuments(m.objects) })),
    { path: 'k8s/kustomization.yaml', content: top + yamlDocuments([kustomization]) },
  ];
}
