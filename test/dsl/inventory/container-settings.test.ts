import { describe, expect, test } from 'vitest';
import { connectionSettings } from '../../../dsl/inventory/index.js';

describe('container connection variables', () => {
  test('the collections spellings name the same methods as the short ones', () => {
    const method = (ansible_connection: string) => connectionSettings('h', { ansible_connection }).method;
    expect(method('community.docker.docker')).toBe('docker');
    expect(method('community.general.docker')).toBe('docker');
    expect(method('containers.podman.podman')).toBe('podman');
    expect(method('kubernetes.core.kubectl')).toBe('kubectl');
    expect(method('docker')).toBe('docker');
    expect(connectionSettings('h', { ansible_connection: 'ssh' }).container).toBeUndefined();
  });

  test('docker takes the container from ansible_docker_host, ansible_host or the inventory name', () => {
    expect(connectionSettings('web1', { ansible_connection: 'docker' }).container).toEqual({
      name: 'web1',
      user: undefined,
      extraArgs: undefined,
      executable: undefined,
    });
    const settings = connectionSettings('web1', {
      ansible_connection: 'docker',
      ansible_host: 'web-container',
      ansible_user: 'app',
      ansible_docker_extra_args: '-H tcp://10.0.0.5:2376',
    });
    expect(settings.container).toMatchObject({
      name: 'web-container',
      user: 'app',
      extraArgs: '-H tcp://10.0.0.5:2376',
    });
    expect(
      connectionSettings('web1', {
        ansible_connection: 'docker',
        ansible_host: 'a',
        ansible_docker_host: 'b',
      }).container?.name,
    ).toBe('b');
  });

  test('podman reads its own user, extra args and executable', () => {
    const settings = connectionSettings('api', {
      ansible_connection: 'containers.podman.podman',
      ansible_user: 'ignored-when-podman-user-is-set',
      ansible_podman_user: 'root',
      ansible_podman_extra_args: '--remote',
      ansible_podman_executable: '/opt/podman',
    });
    expect(settings.container).toEqual({
      name: 'api',
      user: 'root',
      extraArgs: '--remote',
      executable: '/opt/podman',
    });
  });

  test('kubectl reads pod, namespace, container, context, kubeconfig and extra args', () => {
    const settings = connectionSettings('shop', {
      ansible_connection: 'kubernetes.core.kubectl',
      ansible_kubectl_pod: 'shop-0',
      ansible_kubectl_namespace: 'prod',
      ansible_kubectl_container: 'app',
      ansible_kubectl_context: 'eu',
      ansible_kubectl_kubeconfig: '/k/config',
      ansible_kubectl_extra_args: '--request-timeout=5s',
    });
    expect(settings.container).toEqual({
      name: 'shop-0',
      namespace: 'prod',
      container: 'app',
      context: 'eu',
      kubeconfig: '/k/config',
      extraArgs: '--request-timeout=5s',
    });
  });

  test('node_binary and spindle_node_binary name the node on the target', () => {
    expect(connectionSettings('h', { node_binary: '/opt/node/bin/node' }).nodeBinary).toBe(
      '/opt/node/bin/node',
    );
    expect(connectionSettings('h', { node_binary: '/a', spindle_node_binary: '/b' }).nodeBinary).toBe('/b');
  });
});
