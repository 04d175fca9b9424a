package cn.anxing.config;

/** A configuration value that cannot be used; the message names the key and what to set. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
