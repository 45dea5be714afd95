package dev.promptgate.deploy;

/** A rendered deployment document: its text, media type and the file name to save it under. */
public record DeploymentDocument(String content, String mediaType, String fileName) {}
