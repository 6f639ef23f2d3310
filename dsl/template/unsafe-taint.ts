import { markUnsafe } from './unsafe.js';

/**
 * Follows which renders read an unsafe variable (a registered result, a `with_<lookup>` item, `!unsafe` text):
 * as Ansible's template context, a render that read one gives an unsafe result, so a list or dict made from
 * data (`set_fact: x="{{ hostvars[h][item.value] }}"`) is never templated again when `x` is used.
 */
export class UnsafeTaint {
  private touched = false;

  /** Called when a render reads an unsafe variable. */
  touch(): void {
    this.touched = true;
  }

  /**
   * Runs one render; its result is marked unsafe when the render read an unsafe variable. A render inside it
   * (a lazily rendered variable) that read one taints the outer render too, which used its value.
   */
  track<T>(render: () => T): T {
    const { value, touched } = this.observe(render);
    return touched ? markUnsafe(value) : value;
  }

  /** Runs a render and says whether it read an unsafe variable (for a text result, which cannot be marked). */
  observe<T>(render: () => T): { value: T; touched: boolean } {
    const outer = this.touched;
    this.touched = false;
    try {
      const value = render();
      return { value, touched: this.touched };
    } finally {
      this.touched = outer || this.touched;
    }
  }
}
