package cn.anxing.demo;

import io.vertx.core.Future;
import java.util.List;

/**
 * One feature's demo data. Loading is idempotent: a restart finds what is there and adds nothing
 * twice. Each returns lines to print at start (sign-in details and what to try).
 */
public interface DemoData {

    Future<List<String>> load();
}
