package org.qianhe.batch;

/** Where jobs report what they are doing, one readable line at a time (stdout for the CLI). */
@FunctionalInterface
public interface Progress {

  void line(String text);

  static Progress stdout() {
    return text -> {
      synchronized (System.out) {
        System.out.println(text);
        System.out.flush();
      }
    };
  }
}
