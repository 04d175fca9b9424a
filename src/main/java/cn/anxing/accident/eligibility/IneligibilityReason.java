package cn.anxing.accident.eligibility;

import cn.anxing.accident.liability.LegalBasis;
import cn.anxing.text.Named;
import cn.anxing.text.Words;

import java.util.List;

/**
 * Why an accident cannot be handled by the parties themselves (不适用自行协商), with the rule
 * that says so and what the drivers must do.
 */
public enum IneligibilityReason implements Named {
    INJURY_OR_DEATH("有人员受伤或死亡", "Someone is injured or killed",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE,
            basis("《中华人民共和国道路交通安全法》第七十条第一款",
                    "Road Traffic Safety Law of the PRC, art. 70 para. 1"),
            order146("第十三条第一款", "art. 13 para. 1")),
    LICENCE_INVALID("驾驶人无有效驾驶证或准驾车型不符",
            "A driver has no valid licence, or not of the right class",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE, order146("第十三条第一款第（一）项", "art. 13 para. 1 item 1")),
    DRINK_OR_DRUGS("驾驶人有饮酒或服用国家管制的精神药品、麻醉药品嫌疑",
            "A driver is suspected of drink or drug driving",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE, order146("第十三条第一款第（二）项", "art. 13 para. 1 item 2")),
    SCHOOL_BUS_OVERLOAD_OR_SPEEDING("涉及校车、客运严重超员或严重超速",
            "A school bus, a seriously overloaded passenger vehicle or serious speeding is involved",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE, order146("第十三条第一款第（三）项", "art. 13 para. 1 item 3")),
    PLATE_MISSING_OR_FALSE("机动车无号牌或使用伪造、变造的号牌",
            "A vehicle has no plate or a forged or altered one",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE, order146("第十三条第一款第（四）项", "art. 13 para. 1 item 4")),
    VEHICLE_NOT_DRIVABLE("车辆不能自行移动", "A vehicle cannot move by itself",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE, order146("第十三条第一款第（五）项", "art. 13 para. 1 item 5")),
    PARTY_LEFT_SCENE("一方当事人离开现场", "A party has left the scene",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE, order146("第十三条第一款第（六）项", "art. 13 para. 1 item 6")),
    DELIBERATE_COLLISION("有证据证明事故是由一方故意造成", "The collision appears to be deliberate",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE, order146("第十三条第一款第（七）项", "art. 13 para. 1 item 7")),
    NOT_COMPULSORY_INSURED("机动车无交强险（无保险标志）",
            "A vehicle has no compulsory insurance (no insurance mark)",
            SceneAction.MOVE_THEN_CALL_POLICE, order146("第十四条第（一）项", "art. 14 item 1"),
            zhejiang()),
    NO_INSPECTION_MARK("机动车无检验合格标志", "A vehicle has no inspection mark",
            SceneAction.MOVE_THEN_CALL_POLICE, order146("第十四条第（一）项", "art. 14 item 1")),
    FACILITY_OR_BUILDING_HIT("碰撞建筑物、公共设施或其他设施",
            "A building, a public facility or another structure was hit",
            SceneAction.MOVE_THEN_CALL_POLICE, order146("第十四条第（二）项", "art. 14 item 2")),
    HAZARDOUS_GOODS("涉及危险物品运输车辆", "A vehicle carrying hazardous goods is involved",
            SceneAction.KEEP_SCENE_AND_CALL_POLICE, zhejiang()),
    EXPRESSWAY("事故发生在高速公路或城市快速路上",
            "The accident happened on an expressway or urban expressway",
            SceneAction.MOVE_THEN_CALL_POLICE, zhejiang()),
    MOTOR_VEHICLE_COUNT("快处仅适用于两辆机动车之间的事故",
            "Quick handling covers accidents between two motor vehicles only",
            SceneAction.MOVE_THEN_CALL_POLICE, zhejiang());

    private final Words words;
    private final SceneAction sceneAction;
    private final List<LegalBasis> legalBasis;

    IneligibilityReason(String zh, String en, SceneAction sceneAction, LegalBasis... legalBasis) {
        this.words = new Words(zh, en);
        this.sceneAction = sceneAction;
        this.legalBasis = List.of(legalBasis);
    }

    public String code() {
        return name();
    }

    @Override
    public Words words() {
        return words;
    }

    public SceneAction sceneAction() {
        return sceneAction;
    }

    public List<LegalBasis> legalBasis() {
        return legalBasis;
    }

    private static LegalBasis basis(String zh, String en) {
        return new LegalBasis(zh, en);
    }

    private static LegalBasis order146(String zh, String en) {
        return new LegalBasis("《道路交通事故处理程序规定》（公安部令第146号）" + zh,
                "Road Traffic Accident Handling Procedures (MPS Order 146), " + en);
    }

    private static LegalBasis zhejiang() {
        return new LegalBasis("浙江省“浙里快处”交通事故快速处理适用条件",
                "Zhejiang quick-handling (Zheli Kuaichu) conditions of use");
    }
}
