/**
 * Words shown to people in both languages of the product: a name in Chinese first and its
 * English. Plain Java with no dependency, so rules packages may name their values with it.
 */
package cn.anxing.text;
