package pwausers.local.lambda;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** What the local stack reads of a Maven module's pom.xml: the name of the jar it packages. */
final class MavenModule {
    private MavenModule() {
    }

    /**
     * The name (without .jar) of the jar the module packages for deployment: the shade plugin's finalName if it has
     * one, else the build's finalName, else artifactId-version.
     *
     * @throws IllegalStateException if the POM cannot be read, or the name uses a property
     */
    static String finalName(Path pom) {
        Element project;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
        Element build = child(project, "build");
        String name = null;
        Element plugins = build == null ? null : child(build, "plugins");
        if (plugins != null) {
            for (Node n = plugins.getFirstChild(); n != null && name == null; n = n.getNextSibling()) {
                if (n instanceof Element plugin && "plugin".equals(plugin.getTagName())
                        && "maven-shade-plugin".equals(text(child(plugin, "artifactId")))
                        && plugin.getElementsByTagName("finalName").getLength() > 0) {
                    name = plugin.getElementsByTagName("finalName").item(0).getTextContent().strip();
                }
            }
        }
        if (name == null && build != null) {
            name = text(child(build, "finalName"));
        }
        if (name == null) {
            String version = text(child(project, "version"));
            Element parent = child(project, "parent");
            name = text(child(project, "artifactId")) + "-" + (version != null ? version
                    : parent != null ? text(child(parent, "version")) : null);
        }
        if (name.contains("${")) {
            throw new IllegalStateException(pom + " names its jar with a property (" + name + "): name it plainly");
        }
        return name;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }
}
