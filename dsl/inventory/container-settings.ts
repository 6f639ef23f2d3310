/** Which container an exec-based connection (docker, podman, kubectl) enters, from Ansible's variables. */
export interface ContainerSettings {
  /** Container (docker, podman) or pod (kubectl) name: `ansible_docker_host` / `ansible_podman_host` /
   * `ansible_kubectl_pod`, else `ansible_host`, else the inventory name. */
  name: string;
  /** `--user` inside the container (docker, podman): `ansible_docker_user` / `ansible_podman_user` / `ansible_user`. */
  user?: string;
  /** Words added to the tool's command line before `exec`: `ansible_docker_extra_args` and the like. */
  extraArgs?: string;
  /** The client program: `ansible_podman_executable`; default the method's name. */
  executable?: string;
  /** kubectl only: `ansible_kubectl_namespace`, `_container`, `_context`, `_kubeconfig`. */
  namespace?: string;
  container?: string;
  context?: string;
  kubeconfig?: string;
}

/** The names Ansible's collections give the container methods, mapped to Spindle's. */
export const CONTAINER_METHODS: Record<string, 'docker' | 'podman' | 'kubectl'> = {
  docker: 'docker',
  'community.docker.docker': 'docker',
  'community.general.docker': 'docker',
  podman: 'podman',
  'containers.podman.podman': 'podman',
  kubectl: 'kubectl',
  'kubernetes.core.kubectl': 'kubectl',
  'community.kubernetes.kubectl': 'kubectl',
};

const str = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

/** Reads a container method's variables; `host` is `ansible_host` or the inventory name. */
export function containerSettings(
  method: 'docker' | 'podman' | 'kubectl',
  host: string,
  vars: Record<string, unknown>,
): ContainerSettings {
  if (method === 'kubectl')
    return {
      name: str(vars.ansible_kubectl_pod) ?? host,
      extraArgs: str(vars.ansible_kubectl_extra_args),
      namespace: str(vars.ansible_kubectl_namespace),
      container: str(vars.ansible_kubectl_container),
      context: str(vars.ansible_kubectl_context),
      kubeconfig: str(vars.ansible_kubectl_kubeconfig),
    };
  return {
    name: str(vars[`ansible_${method}_host`]) ?? host,
    user: str(vars[`ansible_${method}_user`]) ?? str(vars.ansible_user),
    extraArgs: str(vars[`ansible_${method}_extra_args`]),
    executable: method === 'podman' ? str(vars.ansible_podman_executable) : undefined,
  };
}
