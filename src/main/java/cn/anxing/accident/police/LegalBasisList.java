package cn.anxing.accident.police;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legal provisions an officer cites in a determination (法律依据), as versioned data like the
 * scenario catalogue: the catalogue's articles plus the Road Traffic Safety Law, its
 * Implementing Regulations and Order 146 articles a determination cites.
 */
public final class LegalBasisList {

    private static final String BUNDLED = "/accident/legal-basis-v1.json";

    /**
     * @param code      stable id, e.g. RTSL-43 (law art. 43), IR-52-i1 (regulations art. 52
     *                  item 1), O146-60
     * @param summaryZh what the article says, in short; empty when only cited
     */
    public record Article(String code, String zh, String en, String summaryZh) {
    }

    private final String version;
    private final String catalogueVersion;
    private final Map<String, Article> articles;

    public LegalBasisList(String version, String catalogueVersion, List<Article> articles) {
        this.version = version;
        this.catalogueVersion = catalogueVersion;
        Map<String, Article> byCode = new LinkedHashMap<>();
        for (Article a : articles) {
            if (byCode.put(a.code(), a) != null) {
                throw new DomainException(AccidentError.LEGAL_BASIS_INVALID, "article "
                        + a.code() + " is listed twice", "articles");
            }
        }
        this.articles = byCode;
    }

    public static LegalBasisList bundled() {
        try (InputStream in = LegalBasisList.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is not on the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LegalBasisList read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        List<Article> list = new ArrayList<>();
        for (JsonNode a : root.path("articles")) {
            list.add(new Article(a.path("code").asText(), a.path("zh").asText(),
                    a.path("en").asText(), a.path("summaryZh").asText("")));
        }
        return new LegalBasisList(root.path("version").asText(),
                root.path("catalogueVersion").asText(), list);
    }

    public String version() {
        return version;
    }

    public String catalogueVersion() {
        return catalogueVersion;
    }

    public List<Article> articles() {
        return List.copyOf(articles.values());
    }

    public Optional<Article> find(String code) {
        return Optional.ofNullable(articles.get(code));
    }

    public Optional<Article> byCitation(String zh) {
        return articles.values().stream().filter(a -> a.zh().equals(zh)).findFirst();
    }

    /** The article, or LEGAL_BASIS_UNKNOWN naming {@code field}. */
    public Article require(String code, String field) {
        return find(code).orElseThrow(() -> new DomainException(AccidentError.LEGAL_BASIS_UNKNOWN,
                "法律依据 " + code + " 不在列表中 / no article " + code + " in the legal basis list "
                        + version, field));
    }
}
