package cn.anxing.text;

/**
 * A value with a name in both languages; an enum implements it with one field of {@link Words}
 * instead of its own pair of strings and accessors.
 */
public interface Named {

    Words words();

    default String zh() {
        return words().zh();
    }

    default String en() {
        return words().en();
    }
}
