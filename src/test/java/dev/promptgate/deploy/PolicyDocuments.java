package dev.promptgate.deploy;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Fetching deployment documents in tests, and reading them back the way a browser or MDM would. */
final class PolicyDocuments {

    static final String TOKEN = "pg_et_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {}

    static ExtractableResponse<Response> fetch(String bearer, String browser, String format, String token) {
        return fetch(bearer, browser, format, token, null);
    }

    static ExtractableResponse<Response> fetch(
            String bearer, String browser, String format, String token, String serverUrl) {
        RequestSpecification request = given().auth().oauth2(bearer);
        if (format != null) {
            request.queryParam("format", format);
        }
        if (serverUrl != null) {
            request.queryParam("serverUrl", serverUrl);
        }
        if (token != null) {
            request.header(DeploymentResource.ENROLLMENT_TOKEN_HEADER, token);
        }
        return request.get("/api/v1/deploy/{browser}", browser).then().extract();
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /**
     * A property list as Java values (dict → Map, array → List, string, integer → Long, true/false), parsed with
     * external entities and DTD loading off.
     */
    static Object plist(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            Element root = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml))
                    .getDocumentElement();
            if (!root.getTagName().equals("plist") || !"1.0".equals(root.getAttribute("version"))) {
                throw new AssertionError("not a plist: " + root.getTagName());
            }
            List<Element> top = children(root);
            if (top.size() != 1) {
                throw new AssertionError("a plist holds one value");
            }
            return value(top.get(0));
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML", e);
        }
    }

    private static Object value(Element element) {
        return switch (element.getTagName()) {
            case "dict" -> {
                Map<String, Object> dict = new LinkedHashMap<>();
                List<Element> items = children(element);
                for (int i = 0; i < items.size(); i += 2) {
                    if (!items.get(i).getTagName().equals("key")) {
                        throw new AssertionError("dict entries start with <key>");
                    }
                    dict.put(items.get(i).getTextContent(), value(items.get(i + 1)));
                }
                yield dict;
            }
            case "array" -> children(element).stream()
                    .map(PolicyDocuments::value)
                    .toList();
            case "string" -> element.getTextContent();
            case "integer" -> Long.parseLong(element.getTextContent());
            case "true" -> true;
            case "false" -> false;
            default -> throw new AssertionError("unexpected plist element " + element.getTagName());
        };
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            } else if (node.getNodeType() == Node.TEXT_NODE
                    && !node.getTextContent().isBlank()) {
                throw new AssertionError("stray text in <" + parent.getTagName() + ">");
            }
        }
        return elements;
    }
}
