package cn.anxing.accident.eligibility;

/** What the drivers must do at the scene, from the least to the most restrictive. */
public enum SceneAction {
    /** Photograph, clear the road, settle on the phone (Order 146 art. 19, 20). */
    MOVE_AND_SETTLE("拍照取证后撤离现场，自行协商", "Photograph, clear the road, settle online"),
    /** Photograph, move out of the way, then call the police (Order 146 art. 14). */
    MOVE_THEN_CALL_POLICE("拍照固定证据，将车辆移至不妨碍交通处后报警",
            "Photograph, move the vehicles out of the way, then call the police"),
    /** Leave everything as it is and call the police now (Order 146 art. 13). */
    KEEP_SCENE_AND_CALL_POLICE("保护现场并立即报警", "Keep the scene as it is and call the police now");

    private final String zh;
    private final String en;

    SceneAction(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
