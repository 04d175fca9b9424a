package cn.anxing.accident.eligibility;

import cn.anxing.text.Named;
import cn.anxing.text.Words;

/** What the drivers must do at the scene, from the least to the most restrictive. */
public enum SceneAction implements Named {
    /** Photograph, clear the road, settle on the phone (Order 146 art. 19, 20). */
    MOVE_AND_SETTLE("拍照取证后撤离现场，自行协商", "Photograph, clear the road, settle online"),
    /** Photograph, move out of the way, then call the police (Order 146 art. 14). */
    MOVE_THEN_CALL_POLICE("拍照固定证据，将车辆移至不妨碍交通处后报警",
            "Photograph, move the vehicles out of the way, then call the police"),
    /** Leave everything as it is and call the police now (Order 146 art. 13). */
    KEEP_SCENE_AND_CALL_POLICE("保护现场并立即报警", "Keep the scene as it is and call the police now");

    private final Words words;

    SceneAction(String zh, String en) {
        this.words = new Words(zh, en);
    }

    @Override
    public Words words() {
        return words;
    }
}
